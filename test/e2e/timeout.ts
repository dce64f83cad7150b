// The real editors take seconds to start and to run a workflow.
jest.setTimeout(240_000);

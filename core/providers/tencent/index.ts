export * from './endpoints';
export * from './inbound';
export * from './operations';
export * from './parse';
export * from './session';
export * from './sign';

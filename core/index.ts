export * from './errors';
export * from './http';
export * from './operation';
export * from './phone';
export * from './schemas';
export * from './segments';
export * as ovh from './providers/ovh';

export * from './endpoints';
export * from './operations';
export * from './parse';
export * from './session';
export * from './sign';
export * from './consumerKey';
export * from './inbound';

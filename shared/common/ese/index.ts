export * from './circumstances';
export * from './intake';
export * from './reference';
export * from './script';
export * from './settings';
export * from './window';
export * from './backoff';
export * from './prefill';

export * from './settings';
export * from './sections';
export * from './tone';
export * from './tone-policy';
export * from './network-id';
export * from './post';
export * from './account';
export * from './post-library';

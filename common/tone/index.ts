export * from './policy';
export * from './days';
export * from './zone-days';
export * from './mix';
export * from './calendar';
export * from './drift';

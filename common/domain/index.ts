export * from './settings';
export * from './sections';

export * from './app-guides';

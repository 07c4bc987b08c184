export { SettingsService, type SettingsStore } from './settings-service';

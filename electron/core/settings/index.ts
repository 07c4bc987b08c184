export { SettingsService, repairSettings, storedSettingsValid, type SettingsStore } from './settings-service';

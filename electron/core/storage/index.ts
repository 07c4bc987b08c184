export {
  STORAGE_ERROR_CODES,
  StorageError,
  isStorageError,
  type StorageErrorCode,
  type StorageErrorDetails,
} from './storage-error';
export { nodeStorageFs, type AppendFile, type FileStat, type StorageFs } from './fs-port';
export { writeFileAtomic, readStoreFile, type OnRecovered, type RecoveredKind, type StoreRecovered } from './atomic-file';
export { migrate, versionOf, currentVersion, type Migration, type MigrationList, type Migrated } from './migrations';

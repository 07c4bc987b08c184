export { HistoryImportError, type ArchiveEntry, type ArchiveReader, type HistoryFormat, type ImportedMedia, type ImportedPost, type SkippedPost } from './history-format';
export { HISTORY_FORMATS } from './formats';
export { HistoryImportService, importedPostId, type HistoryImportOptions, type HistoryProgress, type HistoryReport, type HistorySummary } from './history-import';
export { openExportSource, type AccountHistoryPort, type HistorySource } from './history-source';
export { openArchive } from './open-archive';
export { blueskyAccountHistory, type BlueskySourcePorts } from './bluesky-source';

// Moved to renderer/src/ui (Settings → Network apps copies too); kept here so existing imports still resolve.
export { copyText } from '../../ui/copy-text';

export { ToneService, type ToneServiceOptions } from './tone-service';
export { TONE_FILE_NAME, ToneFileSchema, type ToneFile } from './tone-file';

export { CONTENT_SECURITY_POLICY, rendererResponseHeaders } from './csp';
export { readRendererFile, type RendererFile } from './renderer-files';

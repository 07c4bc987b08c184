/** Both hosts serve the library's files under /media/<sha256>. */
export function mediaUrl(mediaId: string): string {
  return `media/${mediaId}`;
}

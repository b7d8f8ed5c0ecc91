/** Addresses of uploaded pictures (served by /uploads/:key). Browser-safe. */

export function thumbnailKey(imageKey: string): string {
  return imageKey.replace(/\.webp$/, "-thumb.webp");
}

export const uploadUrl = (key: string) => `/uploads/${key}`;
export const thumbnailUrl = (key: string) => uploadUrl(thumbnailKey(key));

/**
 * Photos people upload are never served as sent: sharp decodes them (which
 * also proves they are pictures), drops metadata such as GPS position,
 * resizes and re-encodes to WebP.
 */
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import type { ImageStore } from "./image-store.server";
import { thumbnailKey } from "./urls";

export const PHOTO_MAX_WIDTH = 1200;
export const THUMBNAIL_WIDTH = 400;
const acceptedFormats = new Set(["jpeg", "png", "webp"]);

export interface PreparedPhoto {
  main: Buffer;
  thumbnail: Buffer;
}

export type PhotoResult = { ok: true; photo: PreparedPhoto } | { ok: false; message: string };

export async function preparePhoto(file: File): Promise<PhotoResult> {
  const input = Buffer.from(await file.arrayBuffer());
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !acceptedFormats.has(format)) {
    return { ok: false, message: "That file is not a JPEG, PNG or WebP picture. Choose a photo in one of those formats" };
  }
  try {
    // rotate() applies the camera's orientation before the metadata is dropped.
    const base = sharp(input, { limitInputPixels: 40_000_000 }).rotate();
    const main = await base.clone().resize({ width: PHOTO_MAX_WIDTH, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    const thumbnail = await base
      .clone()
      .resize({ width: THUMBNAIL_WIDTH, height: Math.round(THUMBNAIL_WIDTH * 0.75), fit: "cover", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    return { ok: true, photo: { main, thumbnail } };
  } catch {
    return { ok: false, message: "We could not read that picture. Try saving it again as a JPEG and uploading that" };
  }
}


/** Stores both sizes under a fresh key (a new key per upload, so pages can cache them forever). */
export async function storePhoto(store: ImageStore, photo: PreparedPhoto): Promise<string> {
  const key = `${randomUUID()}.webp`;
  await store.put(key, photo.main, "image/webp");
  await store.put(thumbnailKey(key), photo.thumbnail, "image/webp");
  return key;
}

export async function deletePhoto(store: ImageStore, key: string | null | undefined): Promise<void> {
  if (!key) return;
  await store.delete(key);
  await store.delete(thumbnailKey(key));
}

export async function copyPhoto(store: ImageStore, key: string): Promise<string | null> {
  const [main, thumbnail] = await Promise.all([store.get(key), store.get(thumbnailKey(key))]);
  if (!main) return null;
  return storePhoto(store, { main: main.data, thumbnail: thumbnail?.data ?? main.data });
}

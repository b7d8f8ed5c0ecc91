// The media module's public face: what other modules, routes, scripts and tests may use.
export * from "./index";
export { createFileImageStore, createS3ImageStore, getImageStore, parseS3Url, type ImageStore } from "./image-store.server";
export { readFormData } from "./multipart.server";
export { copyPhoto, deletePhoto, preparePhoto, storePhoto } from "./photo.server";

// The media module's public face for code that also runs in the browser.
export { thumbnailKey, thumbnailUrl, uploadUrl } from "./urls";

// The notifications module's public face for code that also runs in the browser.
// Notifications delivers; the words of each message live with the context that sends it.
export { mailMode } from "./mail-mode";
export { type EmailContent, type Message, renderEmail, renderText } from "./templates";
export { fitsTwoSegments, fitText, smsLength, toGsmText } from "./text-length";

import { describe, expect, it } from "vitest";
import { fitsTwoSegments, fitText, smsLength, toGsmText } from "./text-length";

describe("texts within two segments", () => {
  it("counts GSM characters, with the extended ones as two", () => {
    expect(smsLength("Hello Edith")).toEqual({ encoding: "gsm", length: 11 });
    expect(smsLength("Cost: €5")).toEqual({ encoding: "gsm", length: 9 });
    expect(smsLength("Hi 😊")).toEqual({ encoding: "ucs2", length: 4 });
  });

  it("turns curly quotes and dashes into plain ones, so one quote does not halve the room", () => {
    expect(toGsmText("Did you “call an old friend” – today’s action…")).toBe('Did you "call an old friend" - today\'s action...');
    expect(fitsTwoSegments(toGsmText("“".padEnd(200, "a")))).toBe(true);
  });

  it("keeps the link whole and shortens the words at a word", () => {
    const link = "https://linkway.example.org/n/abcdefghijklmnop.qrstuvwxyz23456789abcdefgh Reply STOP to stop these texts.";
    const long = "Hello Edith. ".concat("Did you walk to the end of the road and back again today? ".repeat(8));
    const text = fitText(long, link);
    expect(text.endsWith(link)).toBe(true);
    expect(fitsTwoSegments(text)).toBe(true);
    expect(text).toMatch(/\w\.\.\. https:/);
    expect(fitText("Short words", link)).toBe(`Short words ${link}`);
  });
});

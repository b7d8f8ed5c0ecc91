// The interop module's public face for code that also runs in the browser.
export { calendarFeedActionSchema } from "./calendar-feed-form";
export { columnOfField, type CsvColumn, csvColumns, csvTemplate } from "./import-csv";
export { importConfirmSchema, type ImportFormat, importUploadSchema, outcomeLabels, type PreviewRow, type RowOutcome } from "./import-form";
export { CALENDAR_IMPORT_INTENTS, calendarImportSchema } from "./calendar-import-form";

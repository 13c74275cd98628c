// What the pane's forms need, loaded only when a locum first checks forms (webpack makes it its own
// chunk, so pdf-lib and the fonts code are not in the pane's first load): the forms, the PDFs and
// the year end, as one module.
export * from "../forms";
export * from "../pdf";
export * from "../yearend";

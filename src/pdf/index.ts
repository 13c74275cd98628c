// The PDFs: Forms A and B, the pack, the entry sheet and the year-end summary, drawn with pdf-lib
// on a small surface (draw.ts), text fitted and wrapped apart from drawing (layout.ts), with the fonts
// embedded as subsets (fonts.ts).
export { renderPdfs, monthFiles, repertoireOf } from "./pack";
export { type FontBytes, unprintableWith } from "./fonts";
export { yearEndPdf, yearEndPdfName, type YearEndPdfOptions } from "./yearEndSummary";

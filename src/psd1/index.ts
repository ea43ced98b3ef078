export * from './value';
export * from './errors';
export { decode, DecodedText, Psd1Encoding } from './decode';
export { parse, ParseOptions, Psd1Document, Psd1Location, Psd1PathStep } from './parser';
export { render, renderText, RenderOptions } from './writer';
export { toJson, fromJson } from './json';

// The nxproxy_rio protocol: codes, request schemas, frame decoding and the plain-language catalogue.
export * from './codes.ts';
export * from './requests.ts';
export * from './frames.ts';
export * from './catalogue.ts';

// The one catalogue of the app's own words, in Korean and English, both loaded: the main process
// (tray, notices) and the protocol's messages (what a result or close code means:
// protocol/catalogue.ts hands them out by code) say them through here. The toolbar uses words.ts
// and loads only the language it shows.
import { addCatalogue } from './words.ts';
import { en } from './en.ts';
import { ko } from './ko.ts';

addCatalogue('en', en);
addCatalogue('ko', ko);

export * from './words.ts';

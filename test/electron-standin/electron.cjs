// What `require('electron')` gets under the stand-in: the objects register.ts published.
'use strict';
const electron = globalThis[Symbol.for('nexus.electron-standin')];
if (!electron) throw new Error('electron stand-in: require("electron") before register.ts set it up');
module.exports = electron;

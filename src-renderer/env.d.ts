// Vite handles the CSS import in main.ts.
declare module '*.css';

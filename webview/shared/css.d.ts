// Stylesheets are imported for their side effect: esbuild writes them next to the bundle.
declare module '*.css';

// comlink ships typings for its Node adapter as node-adapter.d.ts, which TypeScript does not pair
// with the .mjs file Node must import; re-export them under the .mjs specifier.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import nodeEndpoint from 'comlink/dist/esm/node-adapter';
  export default nodeEndpoint;
}

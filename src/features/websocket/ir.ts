/** Whether a route of the resolved mesh lets clients upgrade to WebSocket. */
declare module '../../ir/types.js' {
  interface RouteIR {
    /** Present, and true, only when the route allows the upgrade. */
    readonly websocket?: true;
  }
}

export {};

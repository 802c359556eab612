export { createApp, type AppOptions } from './app.js';
export { HttpProblem } from './problem.js';

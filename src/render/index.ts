export { vocabularyJson, termJson } from './vocabulary-json.js';

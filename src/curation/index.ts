export * from './proposal.js';
export * from './vep-text.js';
export * from './proposal-service.js';

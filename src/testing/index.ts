export * from './engine-contract.js';
export * from './scripted-model-server/index.js';

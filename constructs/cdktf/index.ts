export * from './generated-file';

/** Pure parsing of the text people send the bot: no botbuilder, no I/O. */
export * from './command-list';
export * from './command-parser';
export * from './message-text';
export * from './nearest-command';

-- first version
CREATE TABLE note (id TEXT PRIMARY KEY NOT NULL, body TEXT NOT NULL);
INSERT INTO note (id, body) VALUES ('n1', 'from version 1');

CREATE TABLE tag (name TEXT);
INSERT INTO no_such_table VALUES (1);

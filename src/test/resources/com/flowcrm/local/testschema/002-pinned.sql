-- second version: a column with a default
ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
UPDATE note
   SET pinned = 1
 WHERE id = 'n1';

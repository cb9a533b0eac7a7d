//! SQLite: schema, migrations, queries, audit log, evidence vault. (to be implemented)

/**
 * PostgreSQL access: the connection pool, migrations, and transactions. Every replica shares one
 * database, which is where all state that matters across replicas lives.
 */
@NullMarked
package dev.snscollector.api.db;

import org.jspecify.annotations.NullMarked;

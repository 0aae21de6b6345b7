/** Console progress: Tune's status block. */
package io.tune4j.tune.progress;

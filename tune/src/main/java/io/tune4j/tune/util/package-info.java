/** Small helpers shared inside the tune module. */
package io.tune4j.tune.util;

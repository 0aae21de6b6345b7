/** Where trials run: the executor SPI and its Ray actor implementation (the only Ray code in tune). */
package io.tune4j.tune.execution;

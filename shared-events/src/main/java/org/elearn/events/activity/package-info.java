/** Events of learning activity: xAPI statements as ingested, and the credentials that send them. */
package org.elearn.events.activity;

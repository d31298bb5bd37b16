/**
 * The desktop views, each a view bound to its view-model, and no REST or socket call from a view: {@code shell}
 * (sign-in screen's host, main window, navigation, search), {@code signin}, {@code pipeline} (the board),
 * {@code deal} (the deal panel), {@code contacts}, {@code notifications}, {@code components} (the connection
 * indicator: Control, Skin, presenter and its own stylesheet), {@code kit} (what every view is built from) and
 * {@code theme}. View-models take the session's {@link com.flowcrm.store.SessionCommands} and are tested without a
 * toolkit or a server.
 */
package com.flowcrm.ui;

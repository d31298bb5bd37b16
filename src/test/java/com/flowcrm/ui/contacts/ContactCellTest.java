package com.flowcrm.ui.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.flowcrm.model.Contact;
import com.flowcrm.ui.FxPulses;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * A contacts-table cell renders once per pulse however often its contact changes in a batch, and the rows show their own
 * contacts after a batch of moves.
 */
class ContactCellTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T12:00:00Z"), ZoneOffset.UTC);

    private final ObservableList<Contact> rows = FXCollections.observableArrayList();
    private TableView<Contact> table;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs the work on the FX thread, then waits until a pulse has laid the scene out after it. */
    private <T> T onFx(Callable<T> work) throws Exception {
        return FxPulses.onFxThenPulse(stage, work);
    }

    private static Contact contact(String id) {
        Contact contact = new Contact(id);
        contact.setName("Name " + id);
        return contact;
    }

    @BeforeEach
    void show() throws Exception {
        for (int i = 0; i < 40; i++) {
            rows.add(contact("c" + i));
        }
        onFx(() -> {
            table = new TableView<>(rows);
            table.setFixedCellSize(ContactsView.ROW_HEIGHT);
            TableColumn<Contact, Contact> name = new TableColumn<>("Name");
            name.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
            name.setCellFactory(col -> new ContactCell(Contact::getName, c -> null, CLOCK));
            table.getColumns().add(name);
            stage = new Stage();
            stage.setScene(new Scene(new StackPane(table), 400, 400));
            stage.show();
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        Stage shown = stage;
        stage = null;
        onFx(() -> {
            shown.close();
            return null;
        });
    }

    private List<ContactCell> cells() {
        List<ContactCell> cells = new ArrayList<>();
        for (Node node : table.lookupAll(".table-cell")) {
            if (node instanceof ContactCell cell) {
                cells.add(cell);
            }
        }
        return cells;
    }

    private int renders() {
        return cells().stream().mapToInt(ContactCell::renders).sum();
    }

    @Test
    void afterABatchOfMovesEveryRowShowsItsOwnContact() throws Exception {
        onFx(() -> {
            rows.remove(1);
            rows.add(0, contact("arrived"));
            rows.get(3).setName("Renamed in the same batch");
            rows.get(3).markChanged();
            return null;
        });

        assertThat(onFx(() -> cells().stream().filter(c -> c.getTableRow() != null && c.getTableRow().getItem() != null)
                .map(c -> c.getText() + " = " + c.getTableRow().getItem().getName()).toList()))
                .isNotEmpty().allMatch(line -> line.split(" = ")[0].equals(line.split(" = ")[1]));
    }

    @Test
    void tenChangesOfAContactInOneBatchRenderItsRowOnce() throws Exception {
        Contact first = rows.get(0);
        int before = onFx(this::renders);

        onFx(() -> {
            for (int i = 1; i <= 10; i++) {
                first.setName("Renamed " + i);
                first.markChanged();
            }
            return null;
        });

        assertThat(onFx(this::renders) - before).isEqualTo(1);
        assertThat(onFx(() -> cells().stream().filter(c -> c.getItem() == first).findFirst().orElseThrow().getText()))
                .isEqualTo("Renamed 10");
    }
}

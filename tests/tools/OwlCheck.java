import java.io.File;
import java.io.FileOutputStream;
import java.util.List;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/** OwlCheck IN.ttl OUT.ttl: load IN with the OWL API, print its OWL 2 DL profile violations
 * (one per line on stderr, their count on stdout) and save the ontology as Turtle to OUT. */
public class OwlCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        List<OWLProfileViolation> violations =
            new OWL2DLProfile().checkOntology(ontology).getViolations();
        for (OWLProfileViolation violation : violations) {
            System.err.println(violation);
        }
        System.out.println("violations " + violations.size());
        try (FileOutputStream out = new FileOutputStream(args[1])) {
            manager.saveOntology(ontology, new TurtleDocumentFormat(), out);
        }
    }
}

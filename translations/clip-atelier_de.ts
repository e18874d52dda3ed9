<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ErrorText</name>
    <message>
        <source>A value or input can&apos;t be used</source>
        <translation>Ein Wert oder eine Eingabe ist nicht verwendbar</translation>
    </message>
    <message>
        <source>A file or model is missing</source>
        <translation>Eine Datei oder ein Modell fehlt</translation>
    </message>
    <message>
        <source>A file can&apos;t be read</source>
        <translation>Eine Datei kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>This model or build can&apos;t do that</source>
        <translation>Dieses Modell oder dieser Build kann das nicht</translation>
    </message>
    <message>
        <source>The compute device failed</source>
        <translation>Das Rechengerät ist ausgefallen</translation>
    </message>
    <message>
        <source>Something went wrong inside CLIP Atelier</source>
        <translation>In CLIP Atelier ist etwas schiefgegangen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Change the value and try again.</source>
        <translation>Ändern Sie den Wert und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Models ▸ Model Folders shows where models go.</source>
        <translation>Modelle ▸ Modellordner zeigt, wohin Modelle gehören.</translation>
    </message>
    <message>
        <source>The file is damaged or is not what its name says; nothing was changed.</source>
        <translation>Die Datei ist beschädigt oder nicht das, was ihr Name sagt; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>It may have run out of memory: try a smaller size, or the CPU (File ▸ Preferences).</source>
        <translation>Möglicherweise ist der Speicher ausgegangen: Versuchen Sie eine kleinere Größe oder die CPU (Datei ▸ Einstellungen).</translation>
    </message>
    <message>
        <source>This is a bug: please report it with the details.</source>
        <translation>Das ist ein Fehler im Programm: Bitte melden Sie ihn mit den Details.</translation>
    </message>
    <message>
        <source>Reading or writing failed</source>
        <translation>Lesen oder Schreiben fehlgeschlagen</translation>
    </message>
    <message>
        <source>Check the disk&apos;s free space and the network, then try again: nothing half-written was kept.</source>
        <translation>Prüfen Sie den freien Speicherplatz auf dem Datenträger und das Netzwerk und versuchen Sie es dann erneut: Nichts halb Geschriebenes wurde behalten.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>the image could not be encoded</source>
        <translation>das Bild konnte nicht codiert werden</translation>
    </message>
</context>
<context>
    <name>atelier::AnimationExporter</name>
    <message>
        <source>Exporting</source>
        <translation>Export läuft</translation>
    </message>
</context>
<context>
    <name>atelier::BatchDialog</name>
    <message>
        <source>The seeds can&apos;t be read here.</source>
        <translation>Die Seeds können hier nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Give at least one seed.</source>
        <translation>Geben Sie mindestens einen Seed an.</translation>
    </message>
    <message>
        <source>Seed %1 is over %2, the largest seed the tab takes.</source>
        <translation>Seed %1 ist größer als %2, der größte Seed, den der Tab annimmt.</translation>
    </message>
    <message>
        <source>A GAN makes images of its own size: sweep the size with another generator.</source>
        <translation>Ein GAN erzeugt Bilder in seiner eigenen Größe: Variieren Sie die Größe mit einem anderen Generator.</translation>
    </message>
    <message>
        <source>The prompt &quot;%1&quot; is given twice.</source>
        <translation>Der Prompt „%1“ ist doppelt angegeben.</translation>
    </message>
    <message>
        <source>More than %1 prompts: a batch compares at most %1.</source>
        <translation>Mehr als %1 Prompts: Ein Stapel vergleicht höchstens %1.</translation>
    </message>
    <message>
        <source>Give the prompts to compare, one per line.</source>
        <translation>Geben Sie die zu vergleichenden Prompts an, einen pro Zeile.</translation>
    </message>
    <message>
        <source>Give the values of %1, separated by commas.</source>
        <translation>Geben Sie die Werte von %1 an, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>An empty value in &quot;%1&quot; (two commas, or one at an end).</source>
        <translation>Ein leerer Wert in „%1“ (zwei Kommas, oder eines am Anfang oder Ende).</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number.</source>
        <translation>%1: „%2“ ist keine ganze Zahl.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number (write decimals with a point: 0.05).</source>
        <translation>%1: „%2“ ist keine Zahl (Dezimalstellen mit Punkt schreiben: 0.05).</translation>
    </message>
    <message>
        <source>%1=%2 is out of range: %1 takes %3 to %4.</source>
        <translation>%1=%2 liegt außerhalb des Bereichs: %1 nimmt %3 bis %4.</translation>
    </message>
    <message>
        <source>size=%1: a size is a multiple of %2.</source>
        <translation>size=%1: Eine Größe ist ein Vielfaches von %2.</translation>
    </message>
    <message>
        <source>%1=%2 is given twice (as %3).</source>
        <translation>%1=%2 ist doppelt angegeben (als %3).</translation>
    </message>
    <message>
        <source>More than %1 values: a batch sweeps at most %1.</source>
        <translation>Mehr als %1 Werte: Ein Stapel variiert höchstens %1.</translation>
    </message>
    <message>
        <source>%1 seeds × %2 values are %3 runs; at most %4 in a batch.</source>
        <translation>%1 Seeds × %2 Werte ergeben %3 Läufe; höchstens %4 in einem Stapel.</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) (%1 × %2), then a grid of their final images</source>
        <translation>
            <numerusform>%n Lauf (%1 × %2), dann ein Raster seiner Endbilder</numerusform>
            <numerusform>%n Läufe (%1 × %2), dann ein Raster ihrer Endbilder</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>The tab&apos;s settings, run once per seed (the grid&apos;s rows) and, if you like, once per value of one setting (its columns). The runs wait in the queue; when the last one has ended, their final images make one labelled grid.</source>
        <translation>Die Einstellungen des Tabs, einmal pro Seed ausgeführt (die Zeilen des Rasters) und, wenn Sie möchten, einmal pro Wert einer Einstellung (seine Spalten). Die Läufe warten in der Warteschlange; wenn der letzte beendet ist, ergeben ihre Endbilder ein beschriftetes Raster.</translation>
    </message>
    <message>
        <source>&amp;Seeds:</source>
        <translation>&amp;Seeds:</translation>
    </message>
    <message>
        <source>Seeds and ranges of seeds, separated by commas: 1-8, 1,3,5 or 1-4,9 (at most %1 runs)</source>
        <translation>Seeds und Bereiche von Seeds, durch Kommas getrennt: 1-8, 1,3,5 oder 1-4,9 (höchstens %1 Läufe)</translation>
    </message>
    <message>
        <source>S&amp;weep:</source>
        <translation>&amp;Variieren:</translation>
    </message>
    <message>
        <source>One setting whose values make the grid&apos;s columns</source>
        <translation>Eine Einstellung, deren Werte die Spalten des Rasters bilden</translation>
    </message>
    <message>
        <source>Nothing (seeds only)</source>
        <translation>Nichts (nur Seeds)</translation>
    </message>
    <message>
        <source>Learning rate (lr)</source>
        <translation>Lernrate (lr)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Cutouts (cutn)</source>
        <translation>Ausschnitte (cutn)</translation>
    </message>
    <message>
        <source>Cut power (cut-pow)</source>
        <translation>Ausschnitt-Exponent (cut-pow)</translation>
    </message>
    <message>
        <source>Size (not for a GAN)</source>
        <translation>Größe (nicht für ein GAN)</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>&amp;Values:</source>
        <translation>&amp;Werte:</translation>
    </message>
    <message>
        <source>Values separated by commas, decimals with a point (at most %1)</source>
        <translation>Werte durch Kommas getrennt, Dezimalstellen mit Punkt (höchstens %1)</translation>
    </message>
    <message>
        <source>a red circle
a blue square</source>
        <translation>a red circle
a blue square</translation>
    </message>
    <message>
        <source>One run&apos;s prompts per line (each line as the Prompts field takes them; at most %1 lines)</source>
        <translation>Die Prompts eines Laufs pro Zeile (jede Zeile so, wie das Prompt-Feld sie nimmt; höchstens %1 Zeilen)</translation>
    </message>
    <message>
        <source>Add to &amp;Queue</source>
        <translation>&amp;In die Warteschlange</translation>
    </message>
</context>
<context>
    <name>atelier::BigGanControls</name>
    <message>
        <source>The class the generator draws: type part of its name or its number</source>
        <translation>Die Klasse, die der Generator zeichnet: Geben Sie einen Teil ihres Namens oder ihre Nummer ein</translation>
    </message>
    <message>
        <source>Same as Class</source>
        <translation>Wie Klasse</translation>
    </message>
    <message>
        <source>The class the interpolation ends at: the class vector goes from one class to the other while z follows the great circle. Empty: the same class, only z moves</source>
        <translation>Die Klasse, bei der die Interpolation endet: Der Klassenvektor geht von einer Klasse zur anderen, während z dem Großkreis folgt. Leer: dieselbe Klasse, nur z bewegt sich</translation>
    </message>
    <message>
        <source>BigGAN&apos;s truncation t: z&apos;s components beyond ±2 are drawn again, then z is scaled by t, and the generator uses the statistics stored for t. Smaller t trades variety for typical, cleaner images</source>
        <translation>BigGANs Begrenzung t: Komponenten von z jenseits von ±2 werden neu gezogen, dann wird z mit t skaliert, und der Generator nutzt die für t gespeicherten Statistiken. Ein kleineres t tauscht Vielfalt gegen typischere, sauberere Bilder</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Klasse:</translation>
    </message>
    <message>
        <source>Truncation:</source>
        <translation>Begrenzung:</translation>
    </message>
    <message>
        <source>To class:</source>
        <translation>Bis Klasse:</translation>
    </message>
</context>
<context>
    <name>atelier::ClassPicker</name>
    <message>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <source>Type part of a class&apos;s name or its number: the list shows the classes that match</source>
        <translation>Geben Sie einen Teil des Klassennamens oder seine Nummer ein: Die Liste zeigt die passenden Klassen</translation>
    </message>
    <message>
        <source>A class drawn at random</source>
        <translation>Eine zufällig gezogene Klasse</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>No class matches “%1”: type part of a name, or a number from 0 to %2.</source>
        <translation>Keine Klasse passt zu „%1“: Geben Sie einen Teil eines Namens oder eine Zahl von 0 bis %2 ein.</translation>
    </message>
    <message numerus="yes">
        <source>“%1” matches %n classes: pick one from the list.</source>
        <translation>
            <numerusform>„%1“ passt zu %n Klasse: Wählen Sie sie aus der Liste.</numerusform>
            <numerusform>„%1“ passt zu %n Klassen: Wählen Sie eine aus der Liste.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>atelier::ClipController</name>
    <message>
        <source>No CLIP model is loaded: %1</source>
        <translation>Kein CLIP-Modell geladen: %1</translation>
    </message>
    <message>
        <source>Loading CLIP…</source>
        <translation>CLIP wird geladen…</translation>
    </message>
    <message>
        <source>Loading CLIP</source>
        <translation>CLIP wird geladen</translation>
    </message>
    <message>
        <source>the default CLIP</source>
        <translation>das Standard-CLIP</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Scoring the table</source>
        <translation>Tabelle wird bewertet</translation>
    </message>
    <message>
        <source>Classifying</source>
        <translation>Klassifizierung</translation>
    </message>
    <message>
        <source>Listing labels</source>
        <translation>Labels werden aufgelistet</translation>
    </message>
    <message>
        <source>Rendering images</source>
        <translation>Bilder werden gerendert</translation>
    </message>
    <message>
        <source>the mini-CLIP&apos;s own caption forms</source>
        <translation>die Beschriftungsformen des Mini-CLIP</translation>
    </message>
    <message>
        <source>CLIP&apos;s prompt engineering</source>
        <translation>CLIPs Prompt-Engineering</translation>
    </message>
    <message>
        <source>%1 (it failed before: %2)</source>
        <translation>%1 (schon zuvor fehlgeschlagen: %2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No CLIP model could be loaded.</source>
        <translation>Kein CLIP-Modell konnte geladen werden.</translation>
    </message>
    <message>
        <source>Not loaded: %1.</source>
        <translation>Nicht geladen: %1.</translation>
    </message>
    <message>
        <source>Using %1; these could not be loaded: %2. Models ▸ Model Folders lists them.</source>
        <translation>%1 wird verwendet; diese ließen sich nicht laden: %2. Modelle ▸ Modellordner listet sie auf.</translation>
    </message>
    <message>
        <source>That image is no longer in the row: choose another.</source>
        <translation>Dieses Bild ist nicht mehr in der Reihe: Wählen Sie ein anderes.</translation>
    </message>
    <message>
        <source>the mini-CLIP</source>
        <translation>das Mini-CLIP</translation>
    </message>
</context>
<context>
    <name>atelier::ClipPanel</name>
    <message>
        <source>What CLIP does</source>
        <translation>Was CLIP macht</translation>
    </message>
    <message>
        <source>Prompt vs images</source>
        <translation>Prompt vs. Bilder</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Zero-shot</source>
        <translation>Zero-Shot</translation>
    </message>
    <message>
        <source>Cosine and softmax</source>
        <translation>Kosinus und softmax</translation>
    </message>
    <message>
        <source>Get Models…</source>
        <translation>Modelle holen…</translation>
    </message>
    <message>
        <source>OpenAI&apos;s CLIP and taming&apos;s VQGANs, downloaded and verified (Models ▸ Get Models)</source>
        <translation>Das CLIP von OpenAI und die VQGANs von taming, heruntergeladen und geprüft (Modelle ▸ Modelle holen)</translation>
    </message>
    <message>
        <source>&lt;p&gt;CLIP reads a picture and a sentence and turns each into a vector of the same length (%1 numbers for %2): a vision transformer for the image, a text transformer for the words. It was trained on about 400 million captioned images found on the web to make the vectors of matching pairs point the same way and those of mismatched pairs apart.&lt;/p&gt;&lt;p&gt;How alike CLIP finds an image and a text is the &lt;b&gt;cosine&lt;/b&gt; of the angle between their vectors: near 1 when they agree, near 0 when unrelated. Comparing one prompt with several images and taking a softmax of the scaled cosines gives each image&apos;s share; classifying an image is the same thing with prompts such as &quot;a photo of a dog&quot;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;CLIP liest ein Bild und einen Satz und macht aus beiden je einen Vektor derselben Länge (%1 Zahlen bei %2): ein Vision Transformer für das Bild, ein Text-Transformer für die Wörter. Trainiert wurde es mit rund 400 Millionen beschrifteten Bildern aus dem Web, sodass die Vektoren zusammengehöriger Paare in dieselbe Richtung zeigen und die nicht zusammengehöriger Paare auseinander.&lt;/p&gt;&lt;p&gt;Wie ähnlich CLIP ein Bild und einen Text findet, ist der &lt;b&gt;Kosinus&lt;/b&gt; des Winkels zwischen ihren Vektoren: nahe 1, wenn sie übereinstimmen, nahe 0, wenn sie nichts miteinander zu tun haben. Vergleicht man einen Prompt mit mehreren Bildern und wendet softmax auf die skalierten Kosinuswerte an, erhält man den Anteil jedes Bildes; ein Bild zu klassifizieren ist dasselbe mit Prompts wie „a photo of a dog“.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>atelier::ClipRowPage</name>
    <message>
        <source>Type a prompt, e.g. &quot;a photo of a cat&quot;</source>
        <translation>Prompt eingeben, z. B. „a photo of a cat“</translation>
    </message>
    <message>
        <source>Add Images…</source>
        <translation>Bilder hinzufügen…</translation>
    </message>
    <message>
        <source>Or drop image files here, or paste an image (Ctrl+V)</source>
        <translation>Oder Bilddateien hierher ziehen oder ein Bild einfügen (Strg+V)</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>Prompt:</translation>
    </message>
    <message>
        <source>The prompt&apos;s embedding</source>
        <translation>Einbettung des Prompts</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>roh</translation>
    </message>
    <message>
        <source>normalised</source>
        <translation>normalisiert</translation>
    </message>
    <message>
        <source>Raw: encode_text / encode_image as they come; normalised: divided by their length, so the cosine is their dot product</source>
        <translation>Roh: encode_text / encode_image unverändert; normalisiert: durch ihre Länge geteilt, sodass der Kosinus ihr Skalarprodukt ist</translation>
    </message>
    <message>
        <source>the prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Show the prompt&apos;s embedding, or its difference from an image&apos;s (both normalised)</source>
        <translation>Die Einbettung des Prompts anzeigen oder ihre Differenz zur Einbettung eines Bildes (beide normalisiert)</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>Einbettungen</translation>
    </message>
    <message>
        <source>Copy as Numbers</source>
        <translation>Als Zahlen kopieren</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>Als JSON kopieren</translation>
    </message>
    <message>
        <source>Export CSV or JSON…</source>
        <translation>CSV oder JSON exportieren…</translation>
    </message>
    <message>
        <source>Export Embeddings</source>
        <translation>Einbettungen exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation>CSV-Dateien (*.csv);;JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Embedding of</source>
        <translation>Einbettung von</translation>
    </message>
    <message>
        <source>pasted %1</source>
        <translation>eingefügtes Bild %1</translation>
    </message>
    <message>
        <source>dropped %1</source>
        <translation>abgelegtes Bild %1</translation>
    </message>
    <message>
        <source>prompt − %1</source>
        <translation>Prompt − %1</translation>
    </message>
    <message>
        <source>Reset to Examples</source>
        <translation>Beispiele wiederherstellen</translation>
    </message>
    <message>
        <source>Put the example images back in place of the row&apos;s images</source>
        <translation>Die Beispielbilder ersetzen wieder die Bilder der Reihe</translation>
    </message>
</context>
<context>
    <name>atelier::ClipTablePage</name>
    <message>
        <source>Compute Table</source>
        <translation>Tabelle berechnen</translation>
    </message>
    <message>
        <source>One prompt per line</source>
        <translation>Ein Prompt pro Zeile</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message>
        <source>softmax over images</source>
        <translation>softmax über Bilder</translation>
    </message>
    <message>
        <source>softmax over prompts</source>
        <translation>softmax über Prompts</translation>
    </message>
    <message>
        <source>Softmax over images: each row sums to 1 (which image fits this prompt); over prompts: each column sums to 1 (which prompt fits this image)</source>
        <translation>Softmax über Bilder: Jede Zeile ergibt in Summe 1 (welches Bild zu diesem Prompt passt); über Prompts: Jede Spalte ergibt in Summe 1 (welcher Prompt zu diesem Bild passt)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export Table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG exportieren…</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>%1 prompts × %2 images. Click a cell to see that pair.</source>
        <translation>%1 Prompts × %2 Bilder. Klicken Sie auf eine Zelle, um dieses Paar anzuzeigen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; × %2: cosine %3, softmax over images %4%, over prompts %5%</source>
        <translation>„%1“ × %2: Kosinus %3, softmax über Bilder %4&#xa0;%, über Prompts %5&#xa0;%</translation>
    </message>
    <message>
        <source>Compute the table first.</source>
        <translation>Berechnen Sie zuerst die Tabelle.</translation>
    </message>
    <message>
        <source>Type prompts, one per line, and press Compute Table: a row per prompt, a column per image of the row, each cell their cosine or softmax share.</source>
        <translation>Prompts eingeben, einer pro Zeile, und auf „Tabelle berechnen“ klicken: eine Zeile je Prompt, eine Spalte je Bild der Reihe, in jeder Zelle ihr Kosinus oder Softmax-Anteil.</translation>
    </message>
    <message numerus="yes">
        <source>Scoring %n prompt(s) against the row…</source>
        <translation>
            <numerusform>%n Prompt wird mit der Reihe verglichen…</numerusform>
            <numerusform>%n Prompts werden mit der Reihe verglichen…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>atelier::CompareDialog</name>
    <message>
        <source>Compare Runs</source>
        <translation>Läufe vergleichen</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Nebeneinander</translation>
    </message>
    <message>
        <source>Wipe</source>
        <translation>Überblenden</translation>
    </message>
    <message>
        <source>Left of the line: A; right of it: B (or drag on the image)</source>
        <translation>Links der Linie: A, rechts davon: B (oder im Bild ziehen)</translation>
    </message>
    <message>
        <source>&lt;b&gt;A&lt;/b&gt;: %1&lt;br&gt;&lt;b&gt;B&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;A&lt;/b&gt;: %1&lt;br&gt;&lt;b&gt;B&lt;/b&gt;: %2</translation>
    </message>
</context>
<context>
    <name>atelier::ConstraintsBox</name>
    <message>
        <source>not a colour: write it as #rrggbb</source>
        <translation>keine Farbe: Schreiben Sie sie als #rrggbb</translation>
    </message>
    <message>
        <source>more than %1 colours</source>
        <translation>mehr als %1 Farben</translation>
    </message>
    <message>
        <source>colour %1 is not a colour: list them as #rrggbb,#rrggbb,…</source>
        <translation>Farbe %1 ist keine Farbe: Geben Sie die Farben als #rrggbb,#rrggbb,… an</translation>
    </message>
    <message>
        <source>Add a Palette Colour</source>
        <translation>Palettenfarbe hinzufügen</translation>
    </message>
    <message>
        <source>Border Colour</source>
        <translation>Randfarbe</translation>
    </message>
    <message>
        <source>Palette: %1 (not used until it reads right)</source>
        <translation>Palette: %1 (wird erst verwendet, wenn sie korrekt ist)</translation>
    </message>
    <message>
        <source>Border: %1 (not used until it reads right)</source>
        <translation>Rand: %1 (wird erst verwendet, wenn er korrekt ist)</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Vorgaben</translation>
    </message>
    <message numerus="yes">
        <source>Constraints (%n on)</source>
        <translation>
            <numerusform>Vorgaben (%n aktiv)</numerusform>
            <numerusform>Vorgaben (%n aktiv)</numerusform>
        </translation>
    </message>
    <message>
        <source>0 = off; about 10 is strong. Takes effect at the next step, also while a run goes on.</source>
        <translation>0 = aus; etwa 10 ist stark. Wirkt ab dem nächsten Schritt, auch während eines laufenden Durchlaufs.</translation>
    </message>
    <message>
        <source>Symmetry:</source>
        <translation>Symmetrie:</translation>
    </message>
    <message>
        <source>Pulls the image towards its left/right mirror image. %1</source>
        <translation>Zieht das Bild zu seinem links/rechts gespiegelten Bild hin. %1</translation>
    </message>
    <message>
        <source>Vertical symmetry:</source>
        <translation>Vertikale Symmetrie:</translation>
    </message>
    <message>
        <source>Pulls the image towards its top/bottom mirror image. %1</source>
        <translation>Zieht das Bild zu seinem oben/unten gespiegelten Bild hin. %1</translation>
    </message>
    <message>
        <source>Smoothness:</source>
        <translation>Glätte:</translation>
    </message>
    <message>
        <source>Flat regions with their edges kept (total variation). %1</source>
        <translation>Flache Bereiche, deren Kanten erhalten bleiben (totale Variation). %1</translation>
    </message>
    <message>
        <source>Saturation:</source>
        <translation>Sättigung:</translation>
    </message>
    <message>
        <source>Positive: purer, stronger colours; negative: towards greys. %1</source>
        <translation>Positiv: reinere, kräftigere Farben; negativ: hin zu Grautönen. %1</translation>
    </message>
    <message>
        <source>Palette:</source>
        <translation>Palette:</translation>
    </message>
    <message>
        <source>Pulls every pixel towards the nearest of these colours (1 to %1, as #rrggbb,#rrggbb,…); empty = off</source>
        <translation>Zieht jedes Pixel zur nächstgelegenen dieser Farben hin (1 bis %1, als #rrggbb,#rrggbb,…); leer = aus</translation>
    </message>
    <message>
        <source>Palette weight:</source>
        <translation>Palettengewicht:</translation>
    </message>
    <message>
        <source>How strongly the palette pulls. %1</source>
        <translation>Wie stark die Palette zieht. %1</translation>
    </message>
    <message>
        <source>Border:</source>
        <translation>Rand:</translation>
    </message>
    <message>
        <source>A colour (#rrggbb) for a band around the edge; empty = off</source>
        <translation>Eine Farbe (#rrggbb) für einen Streifen entlang des Bildrands; leer = aus</translation>
    </message>
    <message>
        <source>Border weight:</source>
        <translation>Randgewicht:</translation>
    </message>
    <message>
        <source>How strongly the border colour pulls. %1</source>
        <translation>Wie stark die Randfarbe zieht. %1</translation>
    </message>
    <message>
        <source>Tile:</source>
        <translation>Kacheln:</translation>
    </message>
    <message>
        <source>Seamless tiles: the image wraps around, so copies of it side by side show no seam</source>
        <translation>Nahtlose Kacheln: Das Bild setzt sich über seine Ränder hinweg fort, sodass nebeneinandergelegte Kopien keine Naht zeigen</translation>
    </message>
    <message>
        <source>Seamless</source>
        <translation>Nahtlos</translation>
    </message>
    <message>
        <source>Tile weight:</source>
        <translation>Kachelgewicht:</translation>
    </message>
    <message>
        <source>How strongly the seam is closed; 100 by default, as the seam&apos;s value is small (0: tiles, and the seam is only reported)</source>
        <translation>Wie stark die Naht geschlossen wird; standardmäßig 100, da der Wert der Naht klein ist (0: kachelt, und die Naht wird nur gemeldet)</translation>
    </message>
    <message>
        <source>Pick…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Add a colour to the palette</source>
        <translation>Eine Farbe zur Palette hinzufügen</translation>
    </message>
    <message>
        <source>Choose the border colour</source>
        <translation>Die Randfarbe wählen</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Weighted loss terms beside the prompts; each shows in the loss plot as &quot;term: …&quot;</source>
        <translation>Gewichtete Verlustterme neben den Prompts; jeder erscheint im Verlustdiagramm als „term: …“</translation>
    </message>
</context>
<context>
    <name>atelier::CosineDemo</name>
    <message>
        <source>Drag the ends of the two arrows</source>
        <translation>Ziehen Sie an den Enden der beiden Pfeile</translation>
    </message>
    <message>
        <source>θ = %1°
cos θ = %2</source>
        <translation>θ = %1°
cos θ = %2</translation>
    </message>
</context>
<context>
    <name>atelier::CosineSoftmaxPage</name>
    <message>
        <source>Two vectors that point the same way have an angle θ near 0 and cos θ near 1; at right angles cos θ is 0; opposite, −1. CLIP scores an image against a text by this cosine of their embeddings. Drag the arrows.</source>
        <translation>Zwei Vektoren, die in dieselbe Richtung zeigen, schließen einen Winkel θ nahe 0 ein, und cos θ liegt nahe 1; im rechten Winkel ist cos θ gleich 0, bei entgegengesetzter Richtung −1. CLIP bewertet ein Bild gegenüber einem Text mit diesem Kosinus ihrer Einbettungen. Ziehen Sie die Pfeile.</translation>
    </message>
    <message>
        <source>Why multiply by the logit scale? Cosines of CLIP embeddings are small and close together (0.2 to 0.35 is typical), so a plain softmax over them gives every image nearly the same share. CLIP learned a temperature during training: its logits are the cosines times exp(logit_scale), 100 for the released models, which turns small differences in cosine into decisive shares. Change the scale and the cosines below and watch the shares.</source>
        <translation>Warum mit der Logit-Skalierung multiplizieren? Die Kosinuswerte von CLIP-Einbettungen sind klein und liegen dicht beieinander (typisch sind 0,2 bis 0,35), daher gibt ein einfaches softmax darüber jedem Bild fast denselben Anteil. CLIP hat beim Training eine Temperatur gelernt: Seine Logits sind die Kosinuswerte mal exp(logit_scale), bei den veröffentlichten Modellen 100, wodurch kleine Unterschiede im Kosinus zu eindeutigen Anteilen werden. Ändern Sie die Skalierung und die Kosinuswerte unten und beobachten Sie die Anteile.</translation>
    </message>
    <message>
        <source>image %1 cosine:</source>
        <translation>Kosinus Bild %1:</translation>
    </message>
    <message>
        <source>logit scale:</source>
        <translation>Logit-Skalierung:</translation>
    </message>
    <message>
        <source>softmax %1%</source>
        <translation>softmax %1&#xa0;%</translation>
    </message>
</context>
<context>
    <name>atelier::DrawController</name>
    <message>
        <source>Replaying strokes</source>
        <translation>Striche werden wiedergegeben</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) done: replay or export the drawing.</source>
        <translation>
            <numerusform>%n Schritt abgeschlossen: Zeichnung wiedergeben oder exportieren.</numerusform>
            <numerusform>%n Schritte abgeschlossen: Zeichnung wiedergeben oder exportieren.</numerusform>
        </translation>
    </message>
    <message>
        <source>CLIPDraw</source>
        <translation>CLIPDraw</translation>
    </message>
    <message>
        <source>CLIPDraw ×2</source>
        <translation>CLIPDraw ×2</translation>
    </message>
</context>
<context>
    <name>atelier::DrawPanel</name>
    <message>
        <source>How CLIPDraw paints</source>
        <translation>Wie CLIPDraw malt</translation>
    </message>
    <message>
        <source>&lt;p&gt;A generator is not the only way to give CLIP something to optimise. Optimising raw pixels against a prompt gives noisy, unnatural pictures, so CLIPDraw restricts the image to a few hundred coloured Bezier strokes instead: that restriction is its &quot;natural image prior&quot;.&lt;/p&gt;&lt;p&gt;The strokes start at random. A differentiable rasteriser draws them, CLIP scores the drawing against the prompt, and the gradient of that score moves every stroke&apos;s control points, width and colour. The result is a drawing you can export as SVG and edit.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ein Generator ist nicht die einzige Möglichkeit, CLIP etwas zum Optimieren zu geben. Rohe Pixel auf einen Prompt hin zu optimieren ergibt verrauschte, unnatürliche Bilder; deshalb beschränkt CLIPDraw das Bild stattdessen auf einige hundert farbige Bézier-Striche: Diese Beschränkung ist sein „natürlicher Bild-Prior“.&lt;/p&gt;&lt;p&gt;Anfangs liegen die Striche zufällig. Ein differenzierbarer Rasterisierer zeichnet sie, CLIP bewertet die Zeichnung anhand des Prompts, und der Gradient dieser Bewertung verändert Kontrollpunkte, Breite und Farbe jedes Strichs. Das Ergebnis ist eine Zeichnung, die Sie als SVG exportieren und bearbeiten können.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>white</source>
        <translation>weiß</translation>
    </message>
    <message>
        <source>black</source>
        <translation>schwarz</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>grau</translation>
    </message>
    <message>
        <source>Strokes:</source>
        <translation>Striche:</translation>
    </message>
    <message>
        <source>Max width:</source>
        <translation>Max. Breite:</translation>
    </message>
    <message>
        <source>Iterations:</source>
        <translation>Iterationen:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>Hintergrund:</translation>
    </message>
    <message>
        <source>&amp;Replay Strokes</source>
        <translation>Striche &amp;wiedergeben</translation>
    </message>
    <message>
        <source>optional, e.g. a watercolour painting of</source>
        <translation>optional, z. B. „a watercolour painting of“</translation>
    </message>
    <message>
        <source>A drawing style put before every positive prompt</source>
        <translation>Ein Zeichenstil, der jedem positiven Prompt vorangestellt wird</translation>
    </message>
    <message>
        <source>Number of strokes (the original uses 256)</source>
        <translation>Anzahl der Striche (das Original verwendet 256)</translation>
    </message>
    <message>
        <source>Widths are kept between 1 px and this</source>
        <translation>Die Breiten bleiben zwischen 1 px und diesem Wert</translation>
    </message>
    <message>
        <source>The canvas: 224 is the original&apos;s; the mini-CLIP sees 64 px, where it draws best</source>
        <translation>Die Leinwand: 224 wie im Original; das Mini-CLIP sieht 64 px und zeichnet in dieser Größe am besten</translation>
    </message>
    <message>
        <source>Style:</source>
        <translation>Stil:</translation>
    </message>
    <message>
        <source>Canvas:</source>
        <translation>Leinwand:</translation>
    </message>
    <message>
        <source>Draw the finished strokes one by one, in their order</source>
        <translation>Die fertigen Striche einzeln in ihrer Reihenfolge zeichnen</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <source>SVG (editable strokes)…</source>
        <translation>SVG (bearbeitbare Striche)…</translation>
    </message>
    <message>
        <source>Export SVG</source>
        <translation>SVG exportieren</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Zeichnungen (*.svg)</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>Bild…</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>Bild exportieren</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.webp)</source>
        <translation>Bilder (*.png *.jpg *.webp)</translation>
    </message>
    <message>
        <source>Run as Animation (GIF, MP4, WebP)…</source>
        <translation>Durchlauf als Animation (GIF, MP4, WebP)…</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>Noch nichts zu exportieren.</translation>
    </message>
    <message>
        <source>Run as PNG Frames…</source>
        <translation>Durchlauf als PNG-Einzelbilder…</translation>
    </message>
    <message>
        <source>open strokes</source>
        <translation>offene Striche</translation>
    </message>
    <message>
        <source>filled shapes</source>
        <translation>gefüllte Formen</translation>
    </message>
    <message>
        <source>Paths:</source>
        <translation>Pfade:</translation>
    </message>
    <message>
        <source>Keep fully transparent strokes in the SVG</source>
        <translation>Völlig transparente Striche im SVG behalten</translation>
    </message>
    <message>
        <source>Strokes the optimisation faded out entirely draw nothing; the SVG leaves them out unless this is on (to bring them back in an editor)</source>
        <translation>Striche, die die Optimierung ganz ausgeblendet hat, zeichnen nichts; das SVG lässt sie weg, außer wenn dies aktiv ist (um sie in einem Editor zurückzuholen)</translation>
    </message>
    <message>
        <source>line sketch</source>
        <translation>Linienskizze</translation>
    </message>
    <message>
        <source>Open Bézier strokes (the original&apos;s), closed filled blobs outlined in their own colour, or a line sketch: black strokes of one width, where only their course is optimised</source>
        <translation>Offene Bézier-Striche (wie im Original), geschlossene gefüllte Flecken, umrandet in ihrer eigenen Farbe, oder eine Linienskizze: schwarze Striche einheitlicher Breite, bei denen nur der Verlauf optimiert wird</translation>
    </message>
    <message>
        <source>The width of every stroke of a line sketch, in pixels</source>
        <translation>Die Breite jedes Strichs einer Linienskizze, in Pixeln</translation>
    </message>
    <message>
        <source>Sketch width:</source>
        <translation>Skizzenbreite:</translation>
    </message>
    <message>
        <source>×2 Higher Resolution</source>
        <translation>×2 Höhere Auflösung</translation>
    </message>
    <message>
        <source>Continue the last drawing at twice its canvas (points and widths doubled) for the iterations set</source>
        <translation>Die letzte Zeichnung auf doppelt so großer Leinwand fortsetzen (Punkte und Breiten verdoppelt), für die eingestellten Iterationen</translation>
    </message>
</context>
<context>
    <name>atelier::DrawerBox</name>
    <message>
        <source>Palette: %1 (a run refuses it until it reads right)</source>
        <translation>Palette: %1 (ein Lauf lehnt sie ab, bis sie korrekt ist)</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>Raster:</translation>
    </message>
    <message>
        <source>Pixel art&apos;s cells, across × down: each cell is one colour. Only counts that divide the image size are offered</source>
        <translation>Die Zellen der Pixel-Art, waagerecht × senkrecht: Jede Zelle hat eine einzige Farbe. Nur Anzahlen, die die Bildgröße teilen, werden angeboten</translation>
    </message>
    <message>
        <source>Cells across</source>
        <translation>Zellen waagerecht</translation>
    </message>
    <message>
        <source>Cells down</source>
        <translation>Zellen senkrecht</translation>
    </message>
    <message>
        <source>Palette:</source>
        <translation>Palette:</translation>
    </message>
    <message>
        <source>Every cell shows the nearest of these colours (as #rrggbb,#rrggbb,…); empty = any colour</source>
        <translation>Jede Zelle zeigt die nächstgelegene dieser Farben (als #rrggbb,#rrggbb,…); leer = beliebige Farbe</translation>
    </message>
    <message>
        <source>Decay:</source>
        <translation>Abfall:</translation>
    </message>
    <message>
        <source>How fast the FFT image&apos;s spectrum falls off with frequency (1 / frequency^decay): higher is smoother, lower is finer and noisier; 1 by default</source>
        <translation>Wie schnell das Spektrum des FFT-Bildes mit der Frequenz abfällt (1 / Frequenz^Abfall): höher ist glatter, niedriger ist feiner und verrauschter; standardmäßig 1</translation>
    </message>
</context>
<context>
    <name>atelier::ExportDialog</name>
    <message>
        <source>Export Animation</source>
        <translation>Animation exportieren</translation>
    </message>
    <message>
        <source>Longer side:</source>
        <translation>Längere Seite:</translation>
    </message>
    <message>
        <source>The frames enlarged by a factor, or to a length in pixels of their longer side</source>
        <translation>Die Bilder um einen Faktor vergrößert oder so, dass ihre längere Seite eine Länge in Pixeln hat</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Nearest (crisp pixels)</source>
        <translation>Nächster Nachbar (scharfe Pixel)</translation>
    </message>
    <message>
        <source>Smooth</source>
        <translation>Weich</translation>
    </message>
    <message>
        <source>How frames are enlarged: nearest keeps a small model&apos;s pixels sharp, smooth blends them</source>
        <translation>Wie die Bilder vergrößert werden: „Nächster Nachbar“ hält die Pixel eines kleinen Modells scharf, „Weich“ lässt sie ineinander übergehen</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> fps</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How much longer the last frame stays, so the loop rests on the result</source>
        <translation>Wie lange das letzte Bild zusätzlich stehen bleibt, damit die Schleife beim Ergebnis verweilt</translation>
    </message>
    <message>
        <source>1: every frame; N: every Nth frame, for a shorter file (the last frame is always in)</source>
        <translation>1: jedes Bild; N: jedes N-te Bild, für eine kleinere Datei (das letzte Bild ist immer dabei)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation>Exportordner</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>Scaling:</source>
        <translation>Skalierung:</translation>
    </message>
    <message>
        <source>Frame rate:</source>
        <translation>Bildrate:</translation>
    </message>
    <message>
        <source>Hold last frame:</source>
        <translation>Letztes Bild halten:</translation>
    </message>
    <message>
        <source>Every Nth frame:</source>
        <translation>Jedes N-te Bild:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>Dateiname:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>×%1 (%2 × %3)</source>
        <translation>×%1 (%2 × %3)</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 px · %n frame(s) · %3 s</source>
        <translation>
            <numerusform>%1 × %2 px · %n Bild · %3 s</numerusform>
            <numerusform>%1 × %2 px · %n Bilder · %3 s</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is already there: Export replaces it.</source>
        <translation>%1 ist bereits vorhanden: „Exportieren“ ersetzt die Datei.</translation>
    </message>
</context>
<context>
    <name>atelier::GanController</name>
    <message>
        <source>Finding generators</source>
        <translation>Generatoren werden gesucht</translation>
    </message>
    <message>
        <source>Loading generator</source>
        <translation>Generator wird geladen</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Erzeugung</translation>
    </message>
    <message>
        <source>Sampling a grid</source>
        <translation>Raster wird erzeugt</translation>
    </message>
    <message>
        <source>Interpolating</source>
        <translation>Interpolation</translation>
    </message>
    <message>
        <source>No generator is installed. Models ▸ Model Folders shows where they go; clip-atelier-cli train gan makes one.</source>
        <translation>Es ist kein Generator installiert. Modelle ▸ Modellordner zeigt, wohin sie gehören; clip-atelier-cli train gan erstellt einen.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The generator could not be loaded: %1</source>
        <translation>Der Generator konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 (it failed before: %2)</source>
        <translation>%1 (schon zuvor fehlgeschlagen: %2)</translation>
    </message>
    <message>
        <source>none of the generators could be loaded: %1</source>
        <translation>keiner der Generatoren ließ sich laden: %1</translation>
    </message>
    <message>
        <source>Using the generator %1; these could not be loaded: %2. Models ▸ Model Folders lists them.</source>
        <translation>Der Generator %1 wird verwendet; diese ließen sich nicht laden: %2. Modelle ▸ Modellordner listet sie auf.</translation>
    </message>
    <message>
        <source>BigGAN-deep: %1</source>
        <translation>BigGAN-deep: %1</translation>
    </message>
</context>
<context>
    <name>atelier::GanPanel</name>
    <message>
        <source>What a GAN does</source>
        <translation>Was ein GAN macht</translation>
    </message>
    <message>
        <source>&lt;p&gt;A generative adversarial network is two networks trained against each other. The &lt;b&gt;generator&lt;/b&gt; G turns a vector of random numbers z into an image; the &lt;b&gt;discriminator&lt;/b&gt; D looks at an image and says how likely it is to be real.&lt;/p&gt;&lt;p&gt;D is trained to maximise log D(x) + log(1 − D(G(z))): high on real images x, low on generated ones. G is trained to fool it, pushing D(G(z)) towards 1. They take turns, and as each improves the other must too, until G&apos;s images are hard to tell from real ones. Every z gives a different image; nearby z give similar ones.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ein Generative Adversarial Network besteht aus zwei Netzen, die gegeneinander trainiert werden. Der &lt;b&gt;Generator&lt;/b&gt; G macht aus einem Vektor z aus Zufallszahlen ein Bild; der &lt;b&gt;Diskriminator&lt;/b&gt; D betrachtet ein Bild und gibt an, wie wahrscheinlich es echt ist.&lt;/p&gt;&lt;p&gt;D wird darauf trainiert, log D(x) + log(1 − D(G(z))) zu maximieren: hoch bei echten Bildern x, niedrig bei erzeugten. G wird darauf trainiert, ihn zu täuschen, und treibt D(G(z)) in Richtung 1. Beide sind abwechselnd an der Reihe, und wenn sich der eine verbessert, muss der andere nachziehen, bis die Bilder von G kaum noch von echten zu unterscheiden sind. Jedes z ergibt ein anderes Bild; benachbarte z ergeben ähnliche.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>G(z) appears here: press Sample.</source>
        <translation>Hier erscheint G(z): Klicken Sie auf „Erzeugen“.</translation>
    </message>
    <message>
        <source>The latent vector z fed to the generator</source>
        <translation>Der latente Vektor z, der in den Generator eingeht</translation>
    </message>
    <message>
        <source>The seed that draws z: the same seed gives the same image</source>
        <translation>Der Seed, aus dem z gezogen wird: Derselbe Seed ergibt dasselbe Bild</translation>
    </message>
    <message>
        <source>&amp;Sample</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <source>Sample &amp;Grid</source>
        <translation>&amp;Raster erzeugen</translation>
    </message>
    <message>
        <source>Play &amp;Interpolation</source>
        <translation>&amp;Interpolation abspielen</translation>
    </message>
    <message>
        <source>Generator:</source>
        <translation>Generator:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Erzeugung</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>Einzelbilder:</translation>
    </message>
    <message>
        <source>Grid and interpolation</source>
        <translation>Raster und Interpolation</translation>
    </message>
    <message>
        <source>z:</source>
        <translation>z:</translation>
    </message>
    <message>
        <source>&amp;Truncate at</source>
        <translation>&amp;Begrenzen auf</translation>
    </message>
    <message>
        <source>Draw a new z from a fresh seed and generate (Ctrl+R)</source>
        <translation>Ein neues z aus einem neuen Seed ziehen und erzeugen (Strg+R)</translation>
    </message>
    <message>
        <source>Truncation: components of z beyond ±t are drawn again. Smaller t trades variety for typical, cleaner images</source>
        <translation>Begrenzung: Komponenten von z jenseits von ±t werden neu gezogen. Ein kleineres t tauscht Vielfalt gegen typischere, sauberere Bilder</translation>
    </message>
    <message>
        <source>Rows and columns of the grid: samples of the seeds from the current one on</source>
        <translation>Zeilen und Spalten des Rasters: Bilder der Seeds ab dem aktuellen</translation>
    </message>
    <message>
        <source>Click a sample to show it; Ctrl+click two to interpolate between them</source>
        <translation>Klicken Sie auf ein Bild, um es anzuzeigen; Strg+Klick auf zwei, um zwischen ihnen zu interpolieren</translation>
    </message>
    <message>
        <source>Frames of the interpolation, both ends included</source>
        <translation>Einzelbilder der Interpolation, beide Enden eingeschlossen</translation>
    </message>
    <message>
        <source>Play the spherical path between the two selected samples&apos; z (or this seed and the next)</source>
        <translation>Den sphärischen Pfad zwischen den z der beiden ausgewählten Bilder abspielen (oder zwischen diesem Seed und dem nächsten)</translation>
    </message>
    <message>
        <source>Interpolation: frame %1 of %2</source>
        <translation>Interpolation: Einzelbild %1 von %2</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>Bild…</translation>
    </message>
    <message>
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Grid…</source>
        <translation>Raster…</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>Interpolation as Animation (GIF, MP4, WebP)…</source>
        <translation>Interpolation als Animation (GIF, MP4, WebP)…</translation>
    </message>
    <message>
        <source>Interpolation as PNG Frames…</source>
        <translation>Interpolation als PNG-Einzelbilder…</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>Raster:</translation>
    </message>
    <message>
        <source>Seed %1 · %2×%3</source>
        <translation>Seed %1 · %2×%3</translation>
    </message>
    <message>
        <source>Seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>Noch nichts zu exportieren.</translation>
    </message>
    <message>
        <source>Play an interpolation first.</source>
        <translation>Spielen Sie zuerst eine Interpolation ab.</translation>
    </message>
    <message>
        <source>Saved %1 frames in %2</source>
        <translation>%1 Einzelbilder in %2 gespeichert</translation>
    </message>
    <message>
        <source>Export the %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.webp)</source>
        <translation>Bilder (*.png *.jpg *.webp)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben…</translation>
    </message>
    <message>
        <source>Folder for the frames</source>
        <translation>Ordner für die Einzelbilder</translation>
    </message>
    <message>
        <source>The generator: the shipped mini-GANs, any found in the model folders, and BigGAN-deep models there</source>
        <translation>Der Generator: die mitgelieferten Mini-GANs, alle in den Modellordnern gefundenen und die BigGAN-deep-Modelle dort</translation>
    </message>
    <message>
        <source>Seed %1 · %2 · %3×%4</source>
        <translation>Seed %1 · %2 · %3×%4</translation>
    </message>
</context>
<context>
    <name>atelier::GetModelsDialog</name>
    <message>
        <source>the model catalogue</source>
        <translation>der Modellkatalog</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Herunterladen</translation>
    </message>
    <message>
        <source>Downloads the model (and what it needs) into your models folder, checking its SHA-256</source>
        <translation>Lädt das Modell (und was es benötigt) in Ihren Modellordner herunter und prüft seine SHA-256-Prüfsumme</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Stops the download; the part downloaded is kept and Download resumes it</source>
        <translation>Stoppt den Download; der heruntergeladene Teil bleibt erhalten, und „Herunterladen“ setzt ihn fort</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Checks each file&apos;s size and SHA-256 against the published or recorded one</source>
        <translation>Vergleicht Größe und SHA-256-Prüfsumme jeder Datei mit den veröffentlichten oder aufgezeichneten Werten</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Deletes the model&apos;s files from your models folder (never files found elsewhere)</source>
        <translation>Löscht die Dateien des Modells aus Ihrem Modellordner (niemals anderswo gefundene Dateien)</translation>
    </message>
    <message>
        <source>Use for C&amp;LIP</source>
        <translation>Für C&amp;LIP verwenden</translation>
    </message>
    <message>
        <source>Loads it in the CLIP tab</source>
        <translation>Lädt es im CLIP-Tab</translation>
    </message>
    <message>
        <source>Use for CLIP + V&amp;QGAN</source>
        <translation>Für CLIP + V&amp;QGAN verwenden</translation>
    </message>
    <message>
        <source>Makes it the VQGAN of CLIP + VQGAN runs</source>
        <translation>Macht es zum VQGAN der Läufe von CLIP + VQGAN</translation>
    </message>
    <message>
        <source>Get Models</source>
        <translation>Modelle holen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>What it is for</source>
        <translation>Wofür es dient</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 is installed in %2.</source>
        <translation>%1 ist in %2 installiert.</translation>
    </message>
    <message>
        <source>The download of %1 was stopped. The part downloaded is kept: Download resumes it.</source>
        <translation>Der Download von %1 wurde gestoppt. Der heruntergeladene Teil bleibt erhalten: „Herunterladen“ setzt ihn fort.</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>Lizenz: %1</translation>
    </message>
    <message>
        <source>%1 from %2 (SHA-256: %3)</source>
        <translation>%1 von %2 (SHA-256: %3)</translation>
    </message>
    <message>
        <source>none published</source>
        <translation>keine veröffentlicht</translation>
    </message>
    <message>
        <source>SHA-256 recorded at download: %1</source>
        <translation>Beim Herunterladen aufgezeichnete SHA-256-Prüfsumme: %1</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>installiert</translation>
    </message>
    <message>
        <source>found at %1</source>
        <translation>gefunden in %1</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>nicht installiert</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>%1 wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation>%1 wird heruntergeladen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>file %1 of %2</source>
        <translation>Datei %1 von %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <source>Verifying %1</source>
        <translation>%1 wird geprüft</translation>
    </message>
    <message>
        <source>%1 is as expected:</source>
        <translation>%1 ist wie erwartet:</translation>
    </message>
    <message>
        <source>%1 is not as expected:</source>
        <translation>%1 ist nicht wie erwartet:</translation>
    </message>
    <message>
        <source>Remove Model</source>
        <translation>Modell entfernen</translation>
    </message>
    <message>
        <source>Delete the files of %1 from your models folder?</source>
        <translation>Die Dateien von %1 aus Ihrem Modellordner löschen?</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>Entfernt: %1</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>%1 wird entfernt</translation>
    </message>
</context>
<context>
    <name>atelier::GuideController</name>
    <message>
        <source>The latent of step %1 is no longer kept.</source>
        <translation>Der Latentvektor von Schritt %1 wird nicht mehr aufbewahrt.</translation>
    </message>
    <message>
        <source>Restarted from step %1.</source>
        <translation>Ab Schritt %1 neu gestartet.</translation>
    </message>
    <message>
        <source>A run needs a CLIP model; none is installed.</source>
        <translation>Ein Durchlauf benötigt ein CLIP-Modell; es ist keines installiert.</translation>
    </message>
    <message>
        <source>A run needs a GAN; none is installed.</source>
        <translation>Ein Lauf braucht ein GAN; keines ist installiert.</translation>
    </message>
    <message>
        <source>A run needs a VQGAN; none is installed (Models ▸ Model Folders shows where taming checkpoints go).</source>
        <translation>Ein Lauf braucht ein VQGAN; keines ist installiert (Modelle ▸ Modellordner zeigt, wohin taming-Checkpoints gehören).</translation>
    </message>
    <message>
        <source>%1 (it failed before: %2)</source>
        <translation>%1 (schon zuvor fehlgeschlagen: %2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Using %1; these VQGANs could not be loaded: %2. Models ▸ Model Folders lists them.</source>
        <translation>%1 wird verwendet; diese VQGANs ließen sich nicht laden: %2. Modelle ▸ Modellordner listet sie auf.</translation>
    </message>
    <message>
        <source>%1 holds no run.</source>
        <translation>%1 enthält keinen Lauf.</translation>
    </message>
    <message>
        <source>Settings restored from the run of %1.</source>
        <translation>Einstellungen aus dem Lauf vom %1 wiederhergestellt.</translation>
    </message>
    <message numerus="yes">
        <source>Its prompts changed %n time(s) while it ran: these are the first; Continue from Last Frame goes on with the last.</source>
        <translation>
            <numerusform>Seine Prompts wurden während des Laufs %n-mal geändert: Dies sind die ersten; „Ab letztem Bild fortsetzen“ macht mit den letzten weiter.</numerusform>
            <numerusform>Seine Prompts wurden während des Laufs %n-mal geändert: Dies sind die ersten; „Ab letztem Bild fortsetzen“ macht mit den letzten weiter.</numerusform>
        </translation>
    </message>
    <message>
        <source>It used the VQGAN %1; runs now use %2.</source>
        <translation>Er verwendete das VQGAN %1; Läufe verwenden jetzt %2.</translation>
    </message>
    <message>
        <source>A run is going on: stop it before continuing another.</source>
        <translation>Ein Lauf ist im Gange: Halten Sie ihn an, bevor Sie einen anderen fortsetzen.</translation>
    </message>
    <message>
        <source>That run kept no latent, and a GAN can&apos;t start from an image: its settings are restored.</source>
        <translation>Dieser Lauf hat keinen Latent-Vektor aufbewahrt, und ein GAN kann nicht von einem Bild ausgehen: Seine Einstellungen sind wiederhergestellt.</translation>
    </message>
    <message>
        <source>Continuing the run of %1 from its last frame.</source>
        <translation>Der Lauf vom %1 wird ab seinem letzten Bild fortgesetzt.</translation>
    </message>
    <message>
        <source>the init image %1 is not there (moved or deleted?)</source>
        <translation>das Startbild %1 ist nicht vorhanden (verschoben oder gelöscht?)</translation>
    </message>
    <message>
        <source>the image prompt %1 is not there (moved or deleted?)</source>
        <translation>der Bild-Prompt %1 ist nicht vorhanden (verschoben oder gelöscht?)</translation>
    </message>
    <message>
        <source>the init image %1 can&apos;t be used: %2</source>
        <translation>das Startbild %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>the image prompt %1 can&apos;t be used: %2</source>
        <translation>der Bild-Prompt %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>Reading class names</source>
        <translation>Klassennamen werden gelesen</translation>
    </message>
    <message>
        <source>Waits for this run to finish or be stopped</source>
        <translation>Wartet, bis dieser Lauf endet oder gestoppt wird</translation>
    </message>
    <message>
        <source>No run to go on from yet</source>
        <translation>Noch kein Lauf, mit dem es weitergehen kann</translation>
    </message>
    <message>
        <source>A GAN makes images of one size: only CLIP + VQGAN and the drawers can go on at twice the size</source>
        <translation>Ein GAN erzeugt Bilder in nur einer Größe: Nur CLIP + VQGAN und die Zeichenmodi können in doppelter Größe weitermachen</translation>
    </message>
    <message>
        <source>Only a finished or stopped run can go on at twice its size</source>
        <translation>Nur ein beendeter oder gestoppter Lauf kann in doppelter Größe fortgesetzt werden</translation>
    </message>
    <message>
        <source>The last run kept no latent to go on from</source>
        <translation>Der letzte Lauf hat keinen Latent-Vektor aufbewahrt, mit dem es weitergehen könnte</translation>
    </message>
    <message>
        <source>Twice %1 × %1 is more than the largest size here (%2 × %2)</source>
        <translation>Das Doppelte von %1 × %1 übersteigt die hier maximal mögliche Größe (%2 × %2)</translation>
    </message>
    <message>
        <source>Going on at %1 × %1 from the last frame of the run at %2 × %2.</source>
        <translation>Weiter mit %1 × %1 ab dem letzten Bild des Laufs mit %2 × %2.</translation>
    </message>
    <message>
        <source>That run kept no latent to go on from: its settings are restored.</source>
        <translation>Dieser Lauf hat keinen Latent-Vektor aufbewahrt, mit dem es weitergehen könnte: Seine Einstellungen sind wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>atelier::GuidedPanel</name>
    <message>
        <source>a red barn:1 | a storm:0.5 | blurry:-1</source>
        <translation>a red barn:1 | a storm:0.5 | blurry:-1</translation>
    </message>
    <message>
        <source>Prompts separated by |, each with an optional :weight (negative pushes away)</source>
        <translation>Prompts durch | getrennt, jeweils mit optionalem :Gewicht (negatives Gewicht stößt ab)</translation>
    </message>
    <message>
        <source>Prompts:</source>
        <translation>Prompts:</translation>
    </message>
    <message>
        <source>There are no frames yet: press Run.</source>
        <translation>Noch keine Einzelbilder: Klicken Sie auf „Starten“.</translation>
    </message>
    <message>
        <source>Saved %1 frames in %2</source>
        <translation>%1 Einzelbilder in %2 gespeichert</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wird geschrieben…</translation>
    </message>
    <message>
        <source>Folder for the frames</source>
        <translation>Ordner für die Einzelbilder</translation>
    </message>
</context>
<context>
    <name>atelier::HeatStrip</name>
    <message>
        <source>dimension %1: %2</source>
        <translation>Dimension %1: %2</translation>
    </message>
</context>
<context>
    <name>atelier::HistoryDialog</name>
    <message>
        <source>Favourites only</source>
        <translation>Nur Favoriten</translation>
    </message>
    <message>
        <source>No runs yet: every run of the CLIP + VQGAN tab is kept here.</source>
        <translation>Noch keine Läufe: Jeder Lauf des Tabs CLIP + VQGAN wird hier aufbewahrt.</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorit</translation>
    </message>
    <message>
        <source>&amp;Restore Settings</source>
        <translation>Einstellungen &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Continue from Last Frame</source>
        <translation>Ab letztem Bild &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Co&amp;mpare…</source>
        <translation>&amp;Vergleichen…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Search the prompts</source>
        <translation>Prompts durchsuchen</translation>
    </message>
    <message>
        <source>The tab takes this run&apos;s settings, with the prompts it started with</source>
        <translation>Der Tab übernimmt die Einstellungen dieses Laufs, mit den Prompts, mit denen er begann</translation>
    </message>
    <message>
        <source>A new run that starts from this run&apos;s last frame, with the prompts it ended with</source>
        <translation>Ein neuer Lauf, der beim letzten Bild dieses Laufs beginnt, mit den Prompts, mit denen er endete</translation>
    </message>
    <message>
        <source>Select two runs (Ctrl+click) to see them side by side or wipe between them</source>
        <translation>Wählen Sie zwei Läufe (Strg+Klick), um sie nebeneinander zu sehen oder zwischen ihnen überzublenden</translation>
    </message>
    <message>
        <source>Two runs selected: Compare shows them side by side.</source>
        <translation>Zwei Läufe ausgewählt: „Vergleichen“ zeigt sie nebeneinander.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prompts:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Prompts:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;after step %1: %2</source>
        <translation>&lt;br&gt;nach Schritt %1: %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Date:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Datum:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Generator:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Generator:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Seed:&lt;/b&gt; %1 · &lt;b&gt;Size:&lt;/b&gt; %2 · &lt;b&gt;Steps:&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;Seed:&lt;/b&gt; %1 · &lt;b&gt;Größe:&lt;/b&gt; %2 · &lt;b&gt;Schritte:&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cutouts:&lt;/b&gt; %1 · &lt;b&gt;Learning rate:&lt;/b&gt; %2 · &lt;b&gt;Optimiser:&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;Ausschnitte:&lt;/b&gt; %1 · &lt;b&gt;Lernrate:&lt;/b&gt; %2 · &lt;b&gt;Optimierer:&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>Continued from %1</source>
        <translation>Fortgesetzt von %1</translation>
    </message>
    <message>
        <source>A run from before run records: the prompts are those of its last frame.</source>
        <translation>Ein Lauf aus der Zeit vor den Laufprotokollen: Die Prompts sind die seines letzten Bildes.</translation>
    </message>
    <message>
        <source>This CLIP + GAN run kept no latent: only its settings can be restored</source>
        <translation>Dieser CLIP-+-GAN-Lauf hat keinen Latent-Vektor aufbewahrt: Nur seine Einstellungen lassen sich wiederherstellen</translation>
    </message>
    <message>
        <source>%1 holds no run to mark.</source>
        <translation>%1 enthält keinen Lauf zum Markieren.</translation>
    </message>
    <message>
        <source>That run is going on: stop it before deleting it.</source>
        <translation>Dieser Lauf ist im Gange: Halten Sie ihn an, bevor Sie ihn löschen.</translation>
    </message>
    <message>
        <source>Delete Run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <source>This desktop has no trash to move it to. Delete the run of %1 for good?</source>
        <translation>Dieser Desktop hat keinen Papierkorb dafür. Den Lauf vom %1 endgültig löschen?</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>%1 konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Moved to the trash: %1</source>
        <translation>In den Papierkorb verschoben: %1</translation>
    </message>
    <message>
        <source>Deleted: %1</source>
        <translation>Gelöscht: %1</translation>
    </message>
</context>
<context>
    <name>atelier::ImageCard</name>
    <message>
        <source>Remove this image</source>
        <translation>Dieses Bild entfernen</translation>
    </message>
    <message>
        <source>This image&apos;s embedding</source>
        <translation>Einbettung dieses Bildes</translation>
    </message>
    <message>
        <source>cosine similarity: –</source>
        <translation>Kosinus-Ähnlichkeit: –</translation>
    </message>
    <message>
        <source>cosine similarity: %1</source>
        <translation>Kosinus-Ähnlichkeit: %1</translation>
    </message>
    <message>
        <source>softmax: –</source>
        <translation>softmax: –</translation>
    </message>
    <message>
        <source>softmax: %1%</source>
        <translation>softmax: %1&#xa0;%</translation>
    </message>
    <message>
        <source>rendered from the mini-CLIP&apos;s training data</source>
        <translation>aus den Trainingsdaten des Mini-CLIP gerendert</translation>
    </message>
    <message>
        <source>Move left</source>
        <translation>Nach links verschieben</translation>
    </message>
    <message>
        <source>Move right</source>
        <translation>Nach rechts verschieben</translation>
    </message>
</context>
<context>
    <name>atelier::ImageGuard</name>
    <message>
        <source>the file can&apos;t be read</source>
        <translation>die Datei ist nicht lesbar</translation>
    </message>
    <message>
        <source>the file is cut short</source>
        <translation>die Datei ist abgeschnitten</translation>
    </message>
    <message>
        <source>a damaged PNG file (a chunk of %1 bytes in a file of %2)</source>
        <translation>eine beschädigte PNG-Datei (ein Block von %1 Bytes in einer Datei von %2)</translation>
    </message>
    <message>
        <source>it claims %1 x %2 pixels</source>
        <translation>es gibt %1 x %2 Pixel an</translation>
    </message>
    <message>
        <source>it is %1 x %2 pixels, more than the limit of %3 megapixels (%4 pixels a side)</source>
        <translation>es hat %1 x %2 Pixel, mehr als die Grenze von %3 Megapixeln (%4 Pixel je Seite)</translation>
    </message>
    <message>
        <source>it is %1 x %2 pixels, longer than %3 times its width or height</source>
        <translation>es hat %1 x %2 Pixel, länger als das %3-Fache seiner Breite oder Höhe</translation>
    </message>
</context>
<context>
    <name>atelier::ImageInputs</name>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (nicht gefunden)</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Add Image Prompts</source>
        <translation>Bild-Prompts hinzufügen</translation>
    </message>
    <message>
        <source>Choose Init Image</source>
        <translation>Startbild wählen</translation>
    </message>
    <message>
        <source>Image prompts:</source>
        <translation>Bild-Prompts:</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Init image:</source>
        <translation>Startbild:</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Init weight:</source>
        <translation>Startbild-Gewicht:</translation>
    </message>
    <message>
        <source>Images whose CLIP embeddings are targets too, each with weight 1 (CLIP + VQGAN and CLIP + GAN)</source>
        <translation>Bilder, deren CLIP-Einbettungen ebenfalls Ziele sind, jedes mit Gewicht 1 (CLIP + VQGAN und CLIP + GAN)</translation>
    </message>
    <message>
        <source>Add image files as image prompts</source>
        <translation>Bilddateien als Bild-Prompts hinzufügen</translation>
    </message>
    <message>
        <source>Remove the selected image prompts (Delete)</source>
        <translation>Die ausgewählten Bild-Prompts entfernen (Entf)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <source>Only CLIP + VQGAN starts from an init image: a GAN&apos;s latent can&apos;t be made from a picture. Image prompts work with both generators.</source>
        <translation>Nur CLIP + VQGAN geht von einem Startbild aus: Der Latentvektor eines GAN lässt sich nicht aus einem Bild gewinnen. Bild-Prompts funktionieren mit beiden Generatoren.</translation>
    </message>
    <message>
        <source>CLIP + VQGAN starts from this image&apos;s codes instead of random ones</source>
        <translation>CLIP + VQGAN beginnt mit den Codes dieses Bildes statt mit zufälligen</translation>
    </message>
    <message>
        <source>Choose the image CLIP + VQGAN starts from</source>
        <translation>Das Bild wählen, von dem CLIP + VQGAN ausgeht</translation>
    </message>
    <message>
        <source>Start from random codes again</source>
        <translation>Wieder mit zufälligen Codes beginnen</translation>
    </message>
    <message>
        <source>Pulls the image towards the init image; 0 = only start from it</source>
        <translation>Zieht das Bild zum Startbild hin; 0 = nur von ihm ausgehen</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Start:</translation>
    </message>
    <message>
        <source>Random codes</source>
        <translation>Zufällige Codes</translation>
    </message>
    <message>
        <source>Random pixels</source>
        <translation>Zufällige Pixel</translation>
    </message>
    <message>
        <source>Colour gradient</source>
        <translation>Farbverlauf</translation>
    </message>
    <message>
        <source>Soft colour patches</source>
        <translation>Weiche Farbflecken</translation>
    </message>
    <message>
        <source>Only CLIP + VQGAN has a start to choose</source>
        <translation>Nur bei CLIP + VQGAN lässt sich der Start wählen</translation>
    </message>
    <message>
        <source>What CLIP + VQGAN starts from without an init image: a random code in every cell, or the codes of random pixels, of a random colour gradient or of soft colour patches</source>
        <translation>Womit CLIP + VQGAN ohne Startbild beginnt: ein zufälliger Code in jeder Zelle oder die Codes zufälliger Pixel, eines zufälligen Farbverlaufs oder weicher Farbflecken</translation>
    </message>
    <message>
        <source>The init image is the start; clear it to start from noise</source>
        <translation>Das Startbild ist der Start; entfernen Sie es, um mit Rauschen zu beginnen</translation>
    </message>
</context>
<context>
    <name>atelier::LibraryController</name>
    <message>
        <source>Loading CLIP…</source>
        <translation>CLIP wird geladen…</translation>
    </message>
    <message>
        <source>Stopped: what was indexed is kept; Index goes on from there.</source>
        <translation>Gestoppt: Das bereits Indizierte bleibt erhalten; „Indizieren“ macht dort weiter.</translation>
    </message>
    <message>
        <source>%1 images: %2 encoded, %3 reused, %4 unchanged, %5 removed, %6 unreadable.</source>
        <translation>%1 Bilder: %2 codiert, %3 wiederverwendet, %4 unverändert, %5 entfernt, %6 nicht lesbar.</translation>
    </message>
    <message>
        <source>%1 images/s.</source>
        <translation>%1 Bilder/s.</translation>
    </message>
    <message>
        <source>Stopped before the first batch.</source>
        <translation>Vor dem ersten Stapel gestoppt.</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>Indizierung</translation>
    </message>
    <message>
        <source>No CLIP is loaded yet.</source>
        <translation>Es ist noch kein CLIP geladen.</translation>
    </message>
    <message>
        <source>Add a folder of images first.</source>
        <translation>Fügen Sie zuerst einen Ordner mit Bildern hinzu.</translation>
    </message>
    <message>
        <source>Nothing is indexed with %1 yet: add a folder and press Index.</source>
        <translation>Mit %1 ist noch nichts indiziert: Fügen Sie einen Ordner hinzu und klicken Sie auf „Indizieren“.</translation>
    </message>
    <message>
        <source>Reading the library</source>
        <translation>Bibliothek wird gelesen</translation>
    </message>
    <message>
        <source>Searching the library</source>
        <translation>Bibliothek wird durchsucht</translation>
    </message>
    <message>
        <source>Finding duplicates</source>
        <translation>Duplikate werden gesucht</translation>
    </message>
    <message>
        <source>Mapping the library</source>
        <translation>Karte der Bibliothek wird erstellt</translation>
    </message>
    <message>
        <source>Write at least one label, one per line.</source>
        <translation>Geben Sie mindestens ein Label ein, eines pro Zeile.</translation>
    </message>
    <message>
        <source>Labelling the library</source>
        <translation>Labels werden zugewiesen</translation>
    </message>
</context>
<context>
    <name>atelier::LibraryPanel</name>
    <message>
        <source>Add a Folder to the Library</source>
        <translation>Ordner zur Bibliothek hinzufügen</translation>
    </message>
    <message>
        <source>Unreadable Files</source>
        <translation>Nicht lesbare Dateien</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were left out of the library.</source>
        <translation>
            <numerusform>%n Datei konnte nicht gelesen werden und wurde nicht in die Bibliothek aufgenommen.</numerusform>
            <numerusform>%n Dateien konnten nicht gelesen werden und wurden nicht in die Bibliothek aufgenommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Add a folder of images to the library; its subfolders are included</source>
        <translation>Einen Ordner mit Bildern zur Bibliothek hinzufügen; seine Unterordner werden einbezogen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Take the selected folders off the list (the files stay where they are)</source>
        <translation>Die ausgewählten Ordner aus der Liste nehmen (die Dateien bleiben, wo sie sind)</translation>
    </message>
    <message>
        <source>The folders whose images are indexed</source>
        <translation>Die Ordner, deren Bilder indiziert werden</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Indizieren</translation>
    </message>
    <message>
        <source>Compute the CLIP embeddings of the new and changed images in the folders</source>
        <translation>Die CLIP-Einbettungen der neuen und geänderten Bilder in den Ordnern berechnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop indexing: what is done is kept, and the next run goes on from there</source>
        <translation>Indizierung stoppen: Das Erledigte bleibt erhalten, und der nächste Durchlauf macht dort weiter</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Go on indexing</source>
        <translation>Indizierung fortsetzen</translation>
    </message>
    <message>
        <source>Pause indexing after the batch in progress</source>
        <translation>Indizierung nach dem laufenden Stapel anhalten</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Looking for images…</source>
        <translation>Bilder werden gesucht…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 done</source>
        <translation>%1 erledigt</translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 Bilder/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) indexed with %1</source>
        <translation>
            <numerusform>%Ln Bild mit %1 indiziert</numerusform>
            <numerusform>%Ln Bilder mit %1 indiziert</numerusform>
        </translation>
    </message>
    <message>
        <source>database %1</source>
        <translation>Datenbank %1</translation>
    </message>
    <message>
        <source>No images indexed yet: add a folder with Add Folder…, then press Index.</source>
        <translation>Noch keine Bilder indiziert: Fügen Sie mit „Ordner hinzufügen…“ einen Ordner hinzu und klicken Sie dann auf „Indizieren“.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln unreadable</source>
        <translation>
            <numerusform>%Ln nicht lesbar</numerusform>
            <numerusform>%Ln nicht lesbar</numerusform>
        </translation>
    </message>
    <message>
        <source>The files that could not be read, and why</source>
        <translation>Die Dateien, die nicht gelesen werden konnten, und warum</translation>
    </message>
    <message>
        <source>No CLIP model is loaded.</source>
        <translation>Kein CLIP-Modell geladen.</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Find Similar</source>
        <translation>Ähnliche finden</translation>
    </message>
    <message>
        <source>Send to CLIP Tab</source>
        <translation>An den CLIP-Tab senden</translation>
    </message>
    <message>
        <source>Use as Image Prompt</source>
        <translation>Als Bild-Prompt verwenden</translation>
    </message>
    <message>
        <source>Use as Init Image</source>
        <translation>Als Startbild verwenden</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>cosine %1 · score %2 · %3% of the softmax</source>
        <translation>Kosinus %1 · Bewertung %2 · %3&#xa0;% des softmax</translation>
    </message>
    <message>
        <source>cosine with the group&apos;s first image %1</source>
        <translation>Kosinus mit dem ersten Bild der Gruppe %1</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplikate</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Find Images Similar To</source>
        <translation>Bilder finden, die diesem ähneln</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>a dog on a beach | people:-0.5</source>
        <translation>a dog on a beach | people:-0.5</translation>
    </message>
    <message>
        <source>What to look for. Separate terms with |, give a term a weight after a colon; a negative weight means less of it</source>
        <translation>Wonach gesucht wird. Begriffe durch | trennen, einem Begriff nach einem Doppelpunkt ein Gewicht geben; ein negatives Gewicht bedeutet weniger davon</translation>
    </message>
    <message>
        <source>Find Similar…</source>
        <translation>Ähnliche finden…</translation>
    </message>
    <message>
        <source>Rank the library by similarity to an image (or drop an image on this page)</source>
        <translation>Die Bibliothek nach Ähnlichkeit zu einem Bild ordnen (oder ein Bild auf diese Seite ziehen)</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>Schwelle:</translation>
    </message>
    <message>
        <source>The cosine similarity with the query below which images are hidden</source>
        <translation>Die Kosinus-Ähnlichkeit mit der Suchanfrage, unterhalb der Bilder ausgeblendet werden</translation>
    </message>
    <message>
        <source>%1 · %2%</source>
        <translation>%1 · %2&#xa0;%</translation>
    </message>
    <message>
        <source>Type a query and press Search, or drop an image on this page.</source>
        <translation>Geben Sie eine Suchanfrage ein und klicken Sie auf „Suchen“, oder ziehen Sie ein Bild auf diese Seite.</translation>
    </message>
    <message>
        <source>%1 of %2 above %3 · the first %4 shown</source>
        <translation>%1 von %2 über %3 · die ersten %4 angezeigt</translation>
    </message>
    <message>
        <source>%1 of %2 above %3</source>
        <translation>%1 von %2 über %3</translation>
    </message>
    <message>
        <source>Cosine at least:</source>
        <translation>Kosinus mindestens:</translation>
    </message>
    <message>
        <source>Images whose embeddings are at least this similar count as duplicates</source>
        <translation>Bilder, deren Einbettungen mindestens so ähnlich sind, gelten als Duplikate</translation>
    </message>
    <message>
        <source>Find Duplicates</source>
        <translation>Duplikate finden</translation>
    </message>
    <message>
        <source>Groups of near-identical images, the biggest group first. Nothing is deleted: open the files or show them in their folder to decide what to keep.</source>
        <translation>Gruppen nahezu identischer Bilder, die größte Gruppe zuerst. Es wird nichts gelöscht: Öffnen Sie die Dateien oder zeigen Sie sie in ihrem Ordner an, um zu entscheiden, was Sie behalten.</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Kosinus</translation>
    </message>
    <message numerus="yes">
        <source>Group %1 · %Ln image(s)</source>
        <translation>
            <numerusform>Gruppe %1 · %Ln Bild</numerusform>
            <numerusform>Gruppe %1 · %Ln Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (largest)</source>
        <translation>%1 (am größten)</translation>
    </message>
    <message>
        <source>No duplicates at this threshold.</source>
        <translation>Keine Duplikate bei dieser Schwelle.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s), %1 images</source>
        <translation>
            <numerusform>%Ln Gruppe, %1 Bilder</numerusform>
            <numerusform>%Ln Gruppen, %1 Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>Clusters:</source>
        <translation>Cluster:</translation>
    </message>
    <message>
        <source>Lay the images out in 2-D by their embeddings, group them in clusters named by the labels of the Labels page, and show the Search page&apos;s query as a star</source>
        <translation>Die Bilder nach ihren Einbettungen in 2-D anordnen, sie in Cluster gruppieren, die nach den Labels der Seite „Labels“ benannt sind, und die Suchanfrage der Seite „Suchen“ als Stern zeigen</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>Lasso</translation>
    </message>
    <message>
        <source>Drag around points to select them; Shift adds to the selection</source>
        <translation>Um Punkte herumziehen, um sie auszuwählen; mit Umschalt wird die Auswahl erweitert</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <source>Drag a rectangle to select the points in it; Shift adds to the selection</source>
        <translation>Ein Rechteck aufziehen, um die Punkte darin auszuwählen; mit Umschalt wird die Auswahl erweitert</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Drag to move the view; the wheel zooms</source>
        <translation>Ziehen, um die Ansicht zu verschieben; das Mausrad zoomt</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Show all the points</source>
        <translation>Alle Punkte anzeigen</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>Miniaturen</translation>
    </message>
    <message>
        <source>%1 selected · the first %2 shown</source>
        <translation>%1 ausgewählt · die ersten %2 angezeigt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln ausgewählt</numerusform>
            <numerusform>%Ln ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Press Map to lay out the indexed images by their embeddings.</source>
        <translation>Klicken Sie auf „Karte“, um die indizierten Bilder nach ihren Einbettungen anzuordnen.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) in %1 clusters. Lasso or box points to list them here; the wheel zooms.</source>
        <translation>
            <numerusform>%Ln Bild in %1 Clustern. Wählen Sie Punkte mit Lasso oder Rechteck aus, um sie hier aufzulisten; das Mausrad zoomt.</numerusform>
            <numerusform>%Ln Bilder in %1 Clustern. Wählen Sie Punkte mit Lasso oder Rechteck aus, um sie hier aufzulisten; das Mausrad zoomt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Give at least one label, one per line.</source>
        <translation>Geben Sie mindestens ein Label ein, eines pro Zeile.</translation>
    </message>
    <message>
        <source>One label per line, e.g.
a cat
a dog
a beach</source>
        <translation>Ein Label pro Zeile, z. B.
a cat
a dog
a beach</translation>
    </message>
    <message>
        <source>Label Folder</source>
        <translation>Labels zuweisen</translation>
    </message>
    <message>
        <source>Give every indexed image its most likely label of the list</source>
        <translation>Jedem indizierten Bild sein wahrscheinlichstes Label aus der Liste zuweisen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Give labels and press Label Folder: each image gets its most likely label.</source>
        <translation>Geben Sie Labels ein und klicken Sie auf „Labels zuweisen“: Jedes Bild erhält sein wahrscheinlichstes Label.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) labelled</source>
        <translation>
            <numerusform>%Ln Bild mit Label versehen</numerusform>
            <numerusform>%Ln Bilder mit Label versehen</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation>Labels exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Labels from a list…</source>
        <translation>Labels aus einer Liste…</translation>
    </message>
</context>
<context>
    <name>atelier::LivePlot</name>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
</context>
<context>
    <name>atelier::MainWindow</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Automatic (CUDA when present)</source>
        <translation>Automatisch (CUDA, falls vorhanden)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Farbschema:</translation>
    </message>
    <message>
        <source>Model Folders</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Models are looked for in these folders, in this order. Put official checkpoints (CLIP .pt or .safetensors, VQGAN .ckpt with its .yaml) in your own folder; the environment variable %1 adds more.</source>
        <translation>Modelle werden in diesen Ordnern in dieser Reihenfolge gesucht. Legen Sie offizielle Checkpoints (CLIP als .pt oder .safetensors, VQGAN als .ckpt mit zugehöriger .yaml) in Ihren eigenen Ordner; über die Umgebungsvariable %1 lassen sich weitere hinzufügen.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Vorhanden</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Open My Models Folder</source>
        <translation>Meinen Modellordner öffnen</translation>
    </message>
    <message>
        <source>Model files found: %1</source>
        <translation>Gefundene Modelldateien: %1</translation>
    </message>
    <message>
        <source>About CLIP Atelier</source>
        <translation>Über CLIP Atelier</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CLIP Atelier %1&lt;/h3&gt;&lt;p&gt;A studio for exploring how CLIP connects text and images, and for making art with it: similarity, GANs, CLIP + VQGAN and CLIPDraw, after the article &quot;CLIP, GANs, and Art&quot;.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch %3, OpenCV %4 and QCustomPlot.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later. Help ▸ Licences lists the licences of the data and models shipped with it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CLIP Atelier %1&lt;/h3&gt;&lt;p&gt;Ein Studio, um zu erkunden, wie CLIP Text und Bilder verbindet, und um damit Kunst zu schaffen: Ähnlichkeit, GANs, CLIP + VQGAN und CLIPDraw, nach dem Artikel „CLIP, GANs, and Art“.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, LibTorch %3, OpenCV %4 und QCustomPlot.&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU General Public License, Version 3 oder neuer. Hilfe ▸ Lizenzen listet die Lizenzen der mitgelieferten Daten und Modelle auf.&lt;/p&gt;</translation>
    </message>
    <message>
        <source># CLIP Atelier

CLIP Atelier is free software under the GNU General Public License, version 3 or later (it links QCustomPlot, GPL-3.0). It uses Qt (LGPL-3.0), LibTorch (BSD-3-Clause) and OpenCV (Apache-2.0).

</source>
        <translation># CLIP Atelier

CLIP Atelier ist freie Software unter der GNU General Public License, Version 3 oder neuer (es wird gegen QCustomPlot gelinkt, GPL-3.0). Es verwendet Qt (LGPL-3.0), LibTorch (BSD-3-Clause) und OpenCV (Apache-2.0).

</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <source>CLIP Atelier</source>
        <translation>CLIP Atelier</translation>
    </message>
    <message>
        <source>CLIP</source>
        <translation>CLIP</translation>
    </message>
    <message>
        <source>GAN</source>
        <translation>GAN</translation>
    </message>
    <message>
        <source>CLIP + VQGAN</source>
        <translation>CLIP + VQGAN</translation>
    </message>
    <message>
        <source>CLIPDraw</source>
        <translation>CLIPDraw</translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Images…</source>
        <translation>Bilder ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Export View as Image…</source>
        <translation>Ansicht als Bild e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelle</translation>
    </message>
    <message>
        <source>Model &amp;Folders…</source>
        <translation>Modell&amp;ordner…</translation>
    </message>
    <message>
        <source>&amp;Rescan Models</source>
        <translation>Modelle neu &amp;durchsuchen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Show &amp;Explanations</source>
        <translation>&amp;Erklärungen anzeigen</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About CLIP Atelier</source>
        <translation>Ü&amp;ber CLIP Atelier</translation>
    </message>
    <message>
        <source>&amp;Licences…</source>
        <translation>&amp;Lizenzen…</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>CUDA is not available here: computing on the CPU.</source>
        <translation>CUDA ist hier nicht verfügbar: Berechnung auf der CPU.</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <source>Threads: %1</source>
        <translation>Threads: %1</translation>
    </message>
    <message>
        <source>BLAS: %1</source>
        <translation>BLAS: %1</translation>
    </message>
    <message>
        <source>⚠ BLAS: reference (slow)</source>
        <translation>⚠ BLAS: Referenz (langsam)</translation>
    </message>
    <message>
        <source>LibTorch runs on the reference BLAS, about 30 times slower than OpenBLAS. Install the package libopenblas0-openmp.</source>
        <translation>LibTorch läuft mit dem Referenz-BLAS, etwa 30-mal langsamer als OpenBLAS. Installieren Sie das Paket libopenblas0-openmp.</translation>
    </message>
    <message>
        <source>Models: none found</source>
        <translation>Modelle: keine gefunden</translation>
    </message>
    <message numerus="yes">
        <source>Models: %n file(s) found</source>
        <translation>
            <numerusform>Modelle: %n Datei gefunden</numerusform>
            <numerusform>Modelle: %n Dateien gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1 finished in %2 s.</source>
        <translation>%1 nach %2 s abgeschlossen.</translation>
    </message>
    <message>
        <source>%1 stopped.</source>
        <translation>%1 gestoppt.</translation>
    </message>
    <message>
        <source>Open Images</source>
        <translation>Bilder öffnen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export View as Image</source>
        <translation>Ansicht als Bild exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>The new language takes effect when CLIP Atelier is started again.</source>
        <translation>Die neue Sprache wird beim nächsten Start von CLIP Atelier wirksam.</translation>
    </message>
    <message>
        <source>Open &amp;CLIP Checkpoint…</source>
        <translation>&amp;CLIP-Checkpoint öffnen…</translation>
    </message>
    <message>
        <source>CLIP: %1</source>
        <translation>CLIP: %1</translation>
    </message>
    <message>
        <source>Open CLIP Checkpoint</source>
        <translation>CLIP-Checkpoint öffnen</translation>
    </message>
    <message>
        <source>CLIP checkpoints (*.pt *.pth *.bin *.safetensors);;All files (*)</source>
        <translation>CLIP-Checkpoints (*.pt *.pth *.bin *.safetensors);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Looking for generators…</source>
        <translation>Generatoren werden gesucht…</translation>
    </message>
    <message>
        <source>A run needs a CLIP model; none is installed.</source>
        <translation>Ein Durchlauf benötigt ein CLIP-Modell; es ist keines installiert.</translation>
    </message>
    <message>
        <source>There are no frames yet: press Run.</source>
        <translation>Noch keine Einzelbilder: Klicken Sie auf „Starten“.</translation>
    </message>
    <message>
        <source>Exporting %1: frame %2 of %3…</source>
        <translation>%1 wird exportiert: Bild %2 von %3 …</translation>
    </message>
    <message>
        <source>&amp;Train a Mini-CLIP…</source>
        <translation>Mini-CLIP &amp;trainieren…</translation>
    </message>
    <message>
        <source>%1 The CLIP in use stays: %2.</source>
        <translation>%1 Das verwendete CLIP bleibt: %2.</translation>
    </message>
    <message>
        <source>Model Folders…</source>
        <translation>Modellordner…</translation>
    </message>
    <message>
        <source>failed to load: %1</source>
        <translation>Laden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Get Models…</source>
        <translation>&amp;Modelle holen…</translation>
    </message>
    <message>
        <source>The CLIP in use, %1, is a mini-CLIP: it knows emoji, shapes and clip art drawn small, not photographs. OpenAI&apos;s CLIP reads photographs.</source>
        <translation>Das verwendete CLIP, %1, ist ein Mini-CLIP: Es kennt Emoji, Formen und klein gezeichnete Cliparts, aber keine Fotos. Das CLIP von OpenAI versteht Fotos.</translation>
    </message>
    <message>
        <source>No VQGAN is installed: taming&apos;s ImageNet VQGAN paints recognisable things.</source>
        <translation>Es ist kein VQGAN installiert: Das ImageNet-VQGAN von taming malt erkennbare Dinge.</translation>
    </message>
    <message>
        <source>The VQGAN in use, %1, is a mini-VQGAN: it paints emoji and shapes at 64 px. Taming&apos;s ImageNet VQGAN paints recognisable things.</source>
        <translation>Das verwendete VQGAN, %1, ist ein Mini-VQGAN: Es malt Emoji und Formen in 64 px. Das ImageNet-VQGAN von taming malt erkennbare Dinge.</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
</context>
<context>
    <name>atelier::MotionBox</name>
    <message>
        <source>Motion (on)</source>
        <translation>Bewegung (aktiv)</translation>
    </message>
    <message>
        <source>Motion (smoothing)</source>
        <translation>Bewegung (Glättung)</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Bewegung</translation>
    </message>
    <message>
        <source>Applied after each frame, in pixels, then taken back to the generator&apos;s latent.</source>
        <translation>Wird nach jedem Bild auf die Pixel angewendet und dann in den Latent-Vektor des Generators zurückgeführt.</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <source>Per frame: above 1 zooms in, below 1 out (1 = none). %1</source>
        <translation>Pro Bild: über 1 wird hineingezoomt, unter 1 herausgezoomt (1 = kein Zoom). %1</translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation>Drehung:</translation>
    </message>
    <message>
        <source>Degrees per frame, anticlockwise; negative turns clockwise (0 = none). %1</source>
        <translation>Grad pro Bild, gegen den Uhrzeigersinn; negativ dreht im Uhrzeigersinn (0 = keine Drehung). %1</translation>
    </message>
    <message>
        <source>Shift right:</source>
        <translation>Verschiebung nach rechts:</translation>
    </message>
    <message>
        <source>Pixels per frame to the right; negative to the left (at most a quarter of the image). %1</source>
        <translation>Pixel pro Bild nach rechts; negativ nach links (höchstens ein Viertel des Bildes). %1</translation>
    </message>
    <message>
        <source>Shift down:</source>
        <translation>Verschiebung nach unten:</translation>
    </message>
    <message>
        <source>Pixels per frame downwards; negative upwards (at most a quarter of the image). %1</source>
        <translation>Pixel pro Bild nach unten; negativ nach oben (höchstens ein Viertel des Bildes). %1</translation>
    </message>
    <message>
        <source>Frame every:</source>
        <translation>Bild alle:</translation>
    </message>
    <message>
        <source>A frame every this many steps; the motion follows each frame, so fewer steps per frame move faster</source>
        <translation>Alle so viele Schritte ein Bild; die Bewegung folgt auf jedes Bild, mit weniger Schritten pro Bild geht sie also schneller</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>Glättung:</translation>
    </message>
    <message>
        <source>Frames from a moving average of the latent, against flicker: 0 = off, 0.9 = strong (the latent itself goes on unsmoothed)</source>
        <translation>Bilder aus einem gleitenden Mittelwert des Latent-Vektors, gegen Flackern: 0 = aus, 0,9 = stark (der Latent-Vektor selbst läuft ungeglättet weiter)</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Motion needs a generator that can take an image back: CLIP + VQGAN or a drawer (pixel art, FFT image), not a GAN.</source>
        <translation>Bewegung braucht einen Generator, der ein Bild wieder aufnehmen kann: CLIP + VQGAN oder einen Zeichenmodus (Pixel-Art, FFT-Bild), kein GAN.</translation>
    </message>
    <message>
        <source>Zoom, rotate and shift the canvas after each frame, as the field&apos;s zoom videos do</source>
        <translation>Die Leinwand nach jedem Bild zoomen, drehen und verschieben, wie es die in diesem Bereich üblichen Zoom-Videos tun</translation>
    </message>
</context>
<context>
    <name>atelier::QueuePanel</name>
    <message>
        <source>(the default prompt)</source>
        <translation>(der Standard-Prompt)</translation>
    </message>
    <message>
        <source>schedule: %1</source>
        <translation>Zeitplan: %1</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message numerus="yes">
        <source>Queue (%n waiting, paused)</source>
        <translation>
            <numerusform>Warteschlange (%n wartet, angehalten)</numerusform>
            <numerusform>Warteschlange (%n warten, angehalten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queue (%n waiting)</source>
        <translation>
            <numerusform>Warteschlange (%n wartet)</numerusform>
            <numerusform>Warteschlange (%n warten)</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs that wait their turn: each starts when the one before it ends</source>
        <translation>Läufe, die warten, bis sie an der Reihe sind: Jeder startet, wenn der vorige endet</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>Läuft: %1</translation>
    </message>
    <message>
        <source>The waiting runs, the next one at the top</source>
        <translation>Die wartenden Läufe, der nächste oben</translation>
    </message>
    <message>
        <source>Waiting runs</source>
        <translation>Wartende Läufe</translation>
    </message>
    <message>
        <source>&amp;Add to Queue</source>
        <translation>Ein&amp;reihen</translation>
    </message>
    <message>
        <source>A run with the tab&apos;s settings as they are now, after the waiting ones</source>
        <translation>Ein Lauf mit den jetzigen Einstellungen des Tabs, nach den wartenden</translation>
    </message>
    <message>
        <source>&amp;Batch…</source>
        <translation>St&amp;apel…</translation>
    </message>
    <message>
        <source>One run per seed, times one setting&apos;s values; their final images as a labelled grid</source>
        <translation>Ein Lauf pro Seed, mal die Werte einer Einstellung; ihre Endbilder als beschriftetes Raster</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Run the selected run earlier</source>
        <translation>Den ausgewählten Lauf früher ausführen</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Run the selected run later</source>
        <translation>Den ausgewählten Lauf später ausführen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Cancel the selected run: it will not run (Delete)</source>
        <translation>Den ausgewählten Lauf abbrechen: Er wird nicht ausgeführt (Entf)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Cancel every waiting run (the one running goes on)</source>
        <translation>Alle wartenden Läufe abbrechen (der laufende geht weiter)</translation>
    </message>
    <message>
        <source>Resume Queue</source>
        <translation>Warteschlange fortsetzen</translation>
    </message>
    <message>
        <source>Pause Queue</source>
        <translation>Warteschlange anhalten</translation>
    </message>
    <message>
        <source>Start the waiting runs again, one after the other</source>
        <translation>Die wartenden Läufe wieder starten, einen nach dem anderen</translation>
    </message>
    <message>
        <source>Start no further run; the one running goes on (its Stop ends it)</source>
        <translation>Keinen weiteren Lauf starten; der laufende geht weiter (sein „Stopp“ beendet ihn)</translation>
    </message>
</context>
<context>
    <name>atelier::RunController</name>
    <message>
        <source>Waiting: another tab&apos;s run goes first (its Stop ends it).</source>
        <translation>Wartet: Der Lauf eines anderen Tabs ist zuerst dran (dessen „Stopp“ beendet ihn).</translation>
    </message>
</context>
<context>
    <name>atelier::RunQueue</name>
    <message>
        <source>The queue is paused: “%1” did not finish. Resume Queue starts the next run.</source>
        <translation>Die Warteschlange ist angehalten: „%1“ wurde nicht fertig. „Warteschlange fortsetzen“ startet den nächsten Lauf.</translation>
    </message>
    <message>
        <source>No run of the batch made an image: there is no grid.</source>
        <translation>Kein Lauf des Stapels hat ein Bild erzeugt: Es gibt kein Raster.</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>nicht gelaufen</translation>
    </message>
    <message>
        <source>The batch&apos;s grid could not be made: %1</source>
        <translation>Das Raster des Stapels konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>The batch&apos;s grid could not be saved in %1.</source>
        <translation>Das Raster des Stapels konnte nicht in %1 gespeichert werden.</translation>
    </message>
    <message>
        <source>The batch&apos;s grid is saved: %1</source>
        <translation>Das Raster des Stapels ist gespeichert: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cutout(s)</source>
        <translation>
            <numerusform>%n Ausschnitt</numerusform>
            <numerusform>%n Ausschnitte</numerusform>
        </translation>
    </message>
    <message>
        <source>cut power %1</source>
        <translation>Ausschnitt-Exponent %1</translation>
    </message>
    <message>
        <source>learning rate %1</source>
        <translation>Lernrate %1</translation>
    </message>
    <message>
        <source>%1 × %1 px</source>
        <translation>%1 × %1 px</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>The batch has no runs.</source>
        <translation>Der Stapel hat keine Läufe.</translation>
    </message>
    <message>
        <source>%1 runs: at most %2 in a batch.</source>
        <translation>%1 Läufe: höchstens %2 in einem Stapel.</translation>
    </message>
    <message>
        <source>A run&apos;s cell (row %1, column %2) is outside the grid of %3 × %4.</source>
        <translation>Die Zelle eines Laufs (Zeile %1, Spalte %2) liegt außerhalb des Rasters von %3 × %4.</translation>
    </message>
    <message>
        <source>Two runs share the cell in row %1, column %2.</source>
        <translation>Zwei Läufe teilen sich die Zelle in Zeile %1, Spalte %2.</translation>
    </message>
    <message>
        <source>A grid of %1 × %2 runs would be %3 × %4 pixels, too long and narrow for one image (at most %5:1): give fewer seeds, or sweep a setting across them.</source>
        <translation>Ein Raster von %1 × %2 Läufen wäre %3 × %4 Pixel groß, zu lang und schmal für ein Bild (höchstens %5:1): Geben Sie weniger Seeds an, oder variieren Sie eine Einstellung über sie.</translation>
    </message>
</context>
<context>
    <name>atelier::RunView</name>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Start the run (Ctrl+Return)</source>
        <translation>Durchlauf starten (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Stop the run (Esc)</source>
        <translation>Durchlauf stoppen (Esc)</translation>
    </message>
    <message>
        <source>The image appears here and evolves as the run goes.</source>
        <translation>Hier erscheint das Bild und entwickelt sich im Verlauf des Durchlaufs.</translation>
    </message>
    <message>
        <source>Earlier frames: click one to inspect it</source>
        <translation>Frühere Bilder: Klicken Sie auf eines, um es anzusehen</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>Schritt %1 / %2</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1 it/s</source>
        <translation>%1 it/s</translation>
    </message>
    <message>
        <source>ETA %1 s</source>
        <translation>ETA %1 s</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>Restart from here</source>
        <translation>Von hier neu starten</translation>
    </message>
    <message>
        <source>Run again from the selected frame, exactly where it was, with the current prompts and settings</source>
        <translation>Vom ausgewählten Bild aus weiterlaufen, genau dort, wo es war, mit den aktuellen Prompts und Einstellungen</translation>
    </message>
    <message>
        <source>Loading the models; the first step follows</source>
        <translation>Die Modelle werden geladen; der erste Schritt folgt</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
</context>
<context>
    <name>atelier::SaveFile</name>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>atelier::ScheduleEditor</name>
    <message>
        <source>keyframe %1: the step must be a whole number from 0</source>
        <translation>Keyframe %1: Der Schritt muss eine ganze Zahl ab 0 sein</translation>
    </message>
    <message>
        <source>keyframe %1: its step must come after the one before</source>
        <translation>Keyframe %1: Sein Schritt muss nach dem des vorigen liegen</translation>
    </message>
    <message>
        <source>keyframe %1 has no prompts</source>
        <translation>Keyframe %1 hat keine Prompts</translation>
    </message>
    <message>
        <source>add a keyframe</source>
        <translation>Fügen Sie einen Keyframe hinzu</translation>
    </message>
    <message>
        <source>the keyframe the run is at</source>
        <translation>der Keyframe, an dem der Durchlauf gerade steht</translation>
    </message>
    <message>
        <source>Schedule: %1</source>
        <translation>Zeitplan: %1</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Prompts that change over the steps. Off: the prompts above for the whole run. On: keyframes of prompts by step, their weights blended from one keyframe to the next</source>
        <translation>Prompts, die sich über die Schritte ändern. Aus: die obigen Prompts für den ganzen Durchlauf. Ein: Keyframes mit Prompts je Schritt, deren Gewichte von einem Keyframe zum nächsten übergeblendet werden</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>Zeitplan:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>Each row a keyframe: from its step on its prompts (as in the Prompts field: text:weight | …) take over, blended in from the keyframe before. Steps in increasing order; edits reach a running run.</source>
        <translation>Jede Zeile ein Keyframe: Ab seinem Schritt übernehmen seine Prompts (wie im Feld „Prompts“: Text:Gewicht | …), vom vorigen Keyframe aus übergeblendet. Schritte in aufsteigender Reihenfolge; Änderungen erreichen auch einen laufenden Durchlauf.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>A keyframe after the last one</source>
        <translation>Ein Keyframe nach dem letzten</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected keyframes</source>
        <translation>Die ausgewählten Keyframes entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move the selected keyframe&apos;s prompts up (the steps stay in order)</source>
        <translation>Die Prompts des ausgewählten Keyframes nach oben verschieben (die Schritte bleiben in ihrer Reihenfolge)</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Move the selected keyframe&apos;s prompts down (the steps stay in order)</source>
        <translation>Die Prompts des ausgewählten Keyframes nach unten verschieben (die Schritte bleiben in ihrer Reihenfolge)</translation>
    </message>
</context>
<context>
    <name>atelier::Settings</name>
    <message>
        <source>The settings file %1 is not a settings file of CLIP Atelier, or can&apos;t be read: it is left as it is, and this session runs with the default settings and saves none of them.</source>
        <translation>Die Einstellungsdatei %1 ist keine Einstellungsdatei von CLIP Atelier oder nicht lesbar: Sie bleibt unverändert, und diese Sitzung läuft mit den Standardeinstellungen und speichert keine davon.</translation>
    </message>
    <message>
        <source>The setting %1 holds &apos;%2&apos;, which is not a usable value: the default is used.</source>
        <translation>Die Einstellung %1 enthält „%2“, keinen verwendbaren Wert: Der Standardwert wird verwendet.</translation>
    </message>
    <message>
        <source>The settings ask for %1 threads; at most %2 are used on this machine (%3 per core, %4 in all).</source>
        <translation>Die Einstellungen verlangen %1 Threads; auf diesem Rechner werden höchstens %2 verwendet (%3 pro Kern, insgesamt %4).</translation>
    </message>
</context>
<context>
    <name>atelier::TrainPanel</name>
    <message>
        <source>How CLIP learns</source>
        <translation>Wie CLIP lernt</translation>
    </message>
    <message>
        <source>Resume the folder&apos;s run</source>
        <translation>Den Lauf des Ordners fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Use This Model</source>
        <translation>Dieses Modell &amp;verwenden</translation>
    </message>
    <message>
        <source>A folder for the run: checkpoints, metrics.csv, the model</source>
        <translation>Ein Ordner für den Lauf: Checkpoints, metrics.csv, das Modell</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Random weights (a new model)</source>
        <translation>Zufällige Gewichte (ein neues Modell)</translation>
    </message>
    <message>
        <source>The shipped mini-CLIP (fine-tune it)</source>
        <translation>Das mitgelieferte Mini-CLIP (nachtrainieren)</translation>
    </message>
    <message>
        <source>Another model…</source>
        <translation>Ein anderes Modell…</translation>
    </message>
    <message>
        <source>Share of each batch in groups of five shapes alike but for their position or colour</source>
        <translation>Anteil jedes Stapels in Gruppen aus fünf Formen, die sich nur in Position oder Farbe unterscheiden</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Ausgangspunkt:</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>Stapel:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Contrast groups:</source>
        <translation>Kontrastgruppen:</translation>
    </message>
    <message>
        <source>Image and caption</source>
        <translation>Bild und Bildunterschrift</translation>
    </message>
    <message>
        <source>Folder for the Run</source>
        <translation>Ordner für den Lauf</translation>
    </message>
    <message>
        <source>Start from a Model</source>
        <translation>Von einem Modell ausgehen</translation>
    </message>
    <message>
        <source>Mini-CLIP models (*.safetensors);;All files (*)</source>
        <translation>Mini-CLIP-Modelle (*.safetensors);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a folder for the run first.</source>
        <translation>Wählen Sie zuerst einen Ordner für den Lauf.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>%1 already holds a run: tick Resume to go on with it, or choose another folder.</source>
        <translation>%1 enthält bereits einen Lauf: Kreuzen Sie „Fortsetzen“ an, um ihn weiterzuführen, oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3 steps/s · %4 left · loss %5 · accuracy %6%</source>
        <translation>Schritt %1 von %2 · %3 Schritte/s · noch %4 · Verlust %5 · Genauigkeit %6&#xa0;%</translation>
    </message>
    <message>
        <source>image %1 with caption %2: %3</source>
        <translation>Bild %1 mit Bildunterschrift %2: %3</translation>
    </message>
    <message>
        <source>This folder&apos;s run: step %1 so far (loss %2, accuracy %3%).</source>
        <translation>Lauf dieses Ordners: bisher Schritt %1 (Verlust %2, Genauigkeit %3&#xa0;%).</translation>
    </message>
    <message>
        <source>Proposes %1 steps at a learning rate of %2</source>
        <translation>Schlägt %1 Schritte mit einer Lernrate von %2 vor</translation>
    </message>
    <message>
        <source>The steps and learning rate you set are kept; this start&apos;s recipe is %1 steps at a learning rate of %2.</source>
        <translation>Ihre eingestellten Schritte und Ihre Lernrate bleiben erhalten; das Rezept für diesen Ausgangspunkt sind %1 Schritte mit einer Lernrate von %2.</translation>
    </message>
    <message>
        <source>Emoji share:</source>
        <translation>Anteil Emoji:</translation>
    </message>
    <message>
        <source>Clip art share:</source>
        <translation>Anteil Cliparts:</translation>
    </message>
    <message>
        <source>Share of each batch drawn from the emoji; emoji, clip art and strokes together at most 1, the rest are shapes</source>
        <translation>Anteil jedes Batches aus den Emoji; Emoji, Cliparts und Striche zusammen höchstens 1, der Rest sind Formen</translation>
    </message>
    <message>
        <source>Share of each batch drawn from openclipart&apos;s drawings; emoji, clip art and strokes together at most 1, the rest are shapes. Needs the Debian packages openclipart-png and openclipart-svg (packaging/install-deps.sh --training)</source>
        <translation>Anteil jedes Batches aus den Zeichnungen von openclipart; Emoji, Cliparts und Striche zusammen höchstens 1, der Rest sind Formen. Braucht die Debian-Pakete openclipart-png und openclipart-svg (packaging/install-deps.sh --training)</translation>
    </message>
    <message>
        <source>Share of each batch in strokes that are no shape (scribbles, arcs), captioned as such, so that a few red curves are not &quot;a red circle&quot;; emoji, clip art and strokes together at most 1</source>
        <translation>Anteil jedes Batches an Strichen, die keine Form sind (Gekritzel, Bögen), als solche beschriftet, damit ein paar rote Kurven nicht „a red circle“ sind; Emoji, Cliparts und Striche zusammen höchstens 1</translation>
    </message>
    <message>
        <source>Strokes share:</source>
        <translation>Anteil Striche:</translation>
    </message>
    <message>
        <source>Emoji (%1), clip art (%2) and strokes (%3) together are more than a whole batch: lower one so that they add up to 1 at most (the rest are shapes).</source>
        <translation>Emoji (%1), Cliparts (%2) und Striche (%3) zusammen sind mehr als ein ganzer Batch: Verringern Sie einen Anteil, sodass alle zusammen höchstens 1 ergeben (der Rest sind Formen).</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source> / 255</source>
        <translation> / 255</translation>
    </message>
    <message>
        <source>Adversarial training: before the model learns from an image, the image is moved by up to this many levels per pixel in the direction that fools the model most. A model that holds against that has gradients that follow edges and form, so the images it guides show more of the prompt&apos;s form. About 1.5 times slower; 4 is a good start</source>
        <translation>Adversariales Training: Bevor das Modell aus einem Bild lernt, wird das Bild um bis zu so viele Stufen je Pixel in die Richtung verschoben, die das Modell am stärksten täuscht. Ein Modell, das dem standhält, hat Gradienten, die Kanten und Formen folgen, sodass die von ihm gelenkten Bilder mehr von der Form des Prompts zeigen. Etwa 1,5-mal langsamer; 4 ist ein guter Anfang</translation>
    </message>
    <message>
        <source>Adversarial step:</source>
        <translation>Adversarialer Schritt:</translation>
    </message>
    <message>
        <source>Share of each batch in part groups: a shape beside four pieces of it that are not it (a square beside &quot;a red corner&quot;, a circle beside &quot;a red arc&quot;), so that a piece of a shape is not taken for the shape; contrast groups and part groups together at most 1</source>
        <translation>Anteil jedes Batches in Teilgruppen: eine Form neben vier Stücken davon, die sie nicht sind (ein Quadrat neben &quot;a red corner&quot;, ein Kreis neben &quot;a red arc&quot;), damit ein Stück einer Form nicht für die Form gehalten wird; Kontrastgruppen und Teilgruppen zusammen höchstens 1</translation>
    </message>
    <message>
        <source>Part groups:</source>
        <translation>Teilgruppen:</translation>
    </message>
    <message>
        <source>Contrast groups (%1) and part groups (%2) together are more than a whole batch: lower one so that they add up to 1 at most.</source>
        <translation>Kontrastgruppen (%1) und Teilgruppen (%2) zusammen sind mehr als ein ganzer Batch: Verringern Sie einen Wert, sodass sie höchstens 1 ergeben.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Each step shows CLIP a batch of images and their captions. It encodes all of them and scores every image against every caption: a square of cosine similarities. The loss asks each image to pick its own caption out of the batch&apos;s, and each caption its own image (a softmax along rows and along columns), so matching pairs are pulled together and the rest pushed apart: a &lt;b&gt;contrastive&lt;/b&gt; objective.&lt;/p&gt;&lt;p&gt;The table shows the step&apos;s first eight pairs: each row is an image with its caption, and how it shares its softmax among the eight captions. Training makes the diagonal win. &lt;i&gt;Contrast groups&lt;/i&gt; put five shapes in a batch that differ only in position, colour or shape, so those words must be read; &lt;i&gt;part groups&lt;/i&gt; put a shape beside pieces of it that are not it (&quot;a red square&quot; beside &quot;a red corner&quot;), so that a piece is not taken for the whole.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Jeder Schritt zeigt CLIP einen Stapel Bilder mit ihren Bildunterschriften. CLIP kodiert alle und bewertet jedes Bild gegen jede Bildunterschrift: ein Quadrat aus Kosinus-Ähnlichkeiten. Der Verlust verlangt, dass jedes Bild seine eigene Bildunterschrift unter denen des Stapels findet und jede Bildunterschrift ihr eigenes Bild (ein softmax entlang der Zeilen und der Spalten). So werden passende Paare zusammengezogen und die übrigen auseinandergedrückt: ein &lt;b&gt;kontrastives&lt;/b&gt; Ziel.&lt;/p&gt;&lt;p&gt;Die Tabelle zeigt die ersten acht Paare des Schritts: Jede Zeile ist ein Bild mit seiner Bildunterschrift und zeigt, wie sich sein softmax auf die acht Bildunterschriften verteilt. Training lässt die Diagonale gewinnen. &lt;i&gt;Kontrastgruppen&lt;/i&gt; legen fünf Formen in einen Stapel, die sich nur in Position, Farbe oder Form unterscheiden, sodass diese Wörter gelesen werden müssen; &lt;i&gt;Teilgruppen&lt;/i&gt; stellen eine Form neben Stücke von ihr, die sie nicht sind („a red square“ neben „a red corner“), damit ein Stück nicht für das Ganze gehalten wird.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>as the model</source>
        <translation>wie das Modell</translation>
    </message>
    <message>
        <source>Starting from a model: deepen this tower to this many blocks. The new blocks start as the identity, so the run begins from exactly what the model computed and adds room for more; each block costs time (8 vision and 6 text blocks from 4 and 4: about twice a step&apos;s time)</source>
        <translation>Beim Start von einem Modell: diesen Turm auf so viele Blöcke vertiefen. Die neuen Blöcke beginnen als Identität, der Lauf beginnt also genau mit dem, was das Modell berechnet hat, und gewinnt Platz für mehr; jeder Block kostet Zeit (8 Bild- und 6 Textblöcke statt 4 und 4: etwa die doppelte Zeit pro Schritt)</translation>
    </message>
    <message>
        <source>Deepen to (blocks):</source>
        <translation>Vertiefen auf (Blöcke):</translation>
    </message>
    <message>
        <source>&amp;Vision:</source>
        <translation>&amp;Bild:</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xt:</translation>
    </message>
</context>
<context>
    <name>atelier::TrainWindow</name>
    <message>
        <source>Train a Mini-CLIP</source>
        <translation>Mini-CLIP trainieren</translation>
    </message>
    <message>
        <source>Done in %1 s: %2 (its vocabulary beside it). Use This Model makes it the CLIP of the window; clip-atelier-cli eval clip --clip %2 measures it.</source>
        <translation>Fertig in %1 s: %2 (sein Vokabular daneben). „Dieses Modell verwenden“ macht es zum CLIP des Fensters; clip-atelier-cli eval clip --clip %2 misst es.</translation>
    </message>
    <message>
        <source>Stopped after step %1; the checkpoint is written. Start with Resume ticked goes on.</source>
        <translation>Nach Schritt %1 gestoppt; der Checkpoint ist geschrieben. „Starten“ mit angekreuztem „Fortsetzen“ macht weiter.</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Training a mini-CLIP</source>
        <translation>Mini-CLIP wird trainiert</translation>
    </message>
    <message>
        <source>Resuming %1…</source>
        <translation>%1 wird fortgesetzt…</translation>
    </message>
    <message>
        <source>Starting: a new model learns its vocabulary first…</source>
        <translation>Start: Ein neues Modell lernt zuerst sein Vokabular…</translation>
    </message>
    <message>
        <source>Starting from %1…</source>
        <translation>Start von %1…</translation>
    </message>
</context>
<context>
    <name>atelier::VqganPanel</name>
    <message>
        <source>How CLIP steers a generator</source>
        <translation>Wie CLIP einen Generator steuert</translation>
    </message>
    <message>
        <source>&lt;p&gt;A generator turns a latent z into an image; CLIP says how well an image matches a text. Put them in a loop: decode z, encode the image with CLIP, and take the cosine similarity s to the prompt&apos;s embedding. Using −s as a loss and back-propagating through CLIP and the generator to z moves the image, step by step, towards the prompt.&lt;/p&gt;&lt;p&gt;It looks like training, but it happens at every generation: only z changes, both networks stay frozen. Staying in a generator&apos;s latent space (here VQGAN&apos;s grid of codebook vectors) keeps the pictures natural-looking instead of adversarial noise.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ein Generator macht aus einem latenten z ein Bild; CLIP sagt, wie gut ein Bild zu einem Text passt. Man schaltet beide in eine Schleife: z decodieren, das Bild mit CLIP codieren und die Kosinus-Ähnlichkeit s zur Einbettung des Prompts berechnen. Verwendet man −s als Verlust und propagiert durch CLIP und den Generator bis zu z zurück, bewegt sich das Bild Schritt für Schritt auf den Prompt zu.&lt;/p&gt;&lt;p&gt;Das sieht aus wie Training, geschieht aber bei jeder Generierung: Nur z ändert sich, beide Netze bleiben eingefroren. Bleibt man im latenten Raum eines Generators (hier dem Raster aus Codebook-Vektoren von VQGAN), wirken die Bilder natürlich statt wie adversariales Rauschen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>CLIP + GAN</source>
        <translation>CLIP + GAN</translation>
    </message>
    <message>
        <source>Fast preview</source>
        <translation>Schnelle Vorschau</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Generator:</source>
        <translation>Generator:</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Voreinstellung:</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <source>Cutouts:</source>
        <translation>Ausschnitte:</translation>
    </message>
    <message>
        <source>Cut power:</source>
        <translation>Ausschnitt-Exponent:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Takes effect at the next step, also while a run goes on</source>
        <translation>Wirkt ab dem nächsten Schritt, auch während eines laufenden Durchlaufs</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Optimiser:</source>
        <translation>Optimierer:</translation>
    </message>
    <message>
        <source>Save &amp;Frame…</source>
        <translation>&amp;Bild speichern…</translation>
    </message>
    <message>
        <source>The current frame as PNG, with the prompts, the seed and every setting in it</source>
        <translation>Das aktuelle Bild als PNG, mit den Prompts, dem Seed und allen Einstellungen darin</translation>
    </message>
    <message>
        <source>Save Frame</source>
        <translation>Bild speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Nothing to save yet: press Run.</source>
        <translation>Noch nichts zu speichern: Klicken Sie auf „Starten“.</translation>
    </message>
    <message>
        <source>&amp;Open Settings from PNG…</source>
        <translation>&amp;Einstellungen aus PNG öffnen…</translation>
    </message>
    <message>
        <source>Restore the prompts, the seed and every setting from a frame this tab saved</source>
        <translation>Prompts, Seed und alle Einstellungen aus einem Bild wiederherstellen, das dieser Tab gespeichert hat</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>%1 holds no CLIP Atelier settings.</source>
        <translation>%1 enthält keine CLIP-Atelier-Einstellungen.</translation>
    </message>
    <message>
        <source>Settings restored from %1</source>
        <translation>Einstellungen aus %1 wiederhergestellt</translation>
    </message>
    <message>
        <source>CLIP + VQGAN</source>
        <translation>CLIP + VQGAN</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>E&amp;xport Run</source>
        <translation>Durchlauf e&amp;xportieren</translation>
    </message>
    <message>
        <source>As Animation (GIF, MP4, WebP)…</source>
        <translation>Als Animation (GIF, MP4, WebP)…</translation>
    </message>
    <message>
        <source>As PNG Frames…</source>
        <translation>Als PNG-Einzelbilder…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Verlauf…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Saved frames (*.png)</source>
        <translation>Gespeicherte Bilder (*.png)</translation>
    </message>
    <message>
        <source>VQGAN:</source>
        <translation>VQGAN:</translation>
    </message>
    <message>
        <source>none installed</source>
        <translation>keines installiert</translation>
    </message>
    <message>
        <source>Get Models…</source>
        <translation>Modelle holen…</translation>
    </message>
    <message>
        <source>OpenAI&apos;s CLIP and taming&apos;s VQGANs, downloaded and verified (Models ▸ Get Models)</source>
        <translation>Das CLIP von OpenAI und die VQGANs von taming, heruntergeladen und geprüft (Modelle ▸ Modelle holen)</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <source>Sets the steps and the cutouts; other values in them make it Custom</source>
        <translation>Legt die Schritte und die Ausschnitte fest; andere Werte darin machen daraus „Benutzerdefiniert“</translation>
    </message>
    <message>
        <source>Every run is kept: browse them, restore their settings, continue or compare them</source>
        <translation>Jeder Lauf wird aufbewahrt: Durchsuchen, Einstellungen wiederherstellen, fortsetzen oder vergleichen</translation>
    </message>
    <message>
        <source>Any: the prompts choose</source>
        <translation>Beliebig: die Prompts entscheiden</translation>
    </message>
    <message>
        <source>CLIP + BigGAN-deep: the class the run starts from (its weight near 1, the others near 0). Empty: every class starts near 0 and the prompts choose (big-sleep&apos;s random start)</source>
        <translation>CLIP + BigGAN-deep: die Klasse, mit der der Lauf beginnt (ihr Gewicht nahe 1, die anderen nahe 0). Leer: Jede Klasse beginnt nahe 0, und die Prompts entscheiden (der zufällige Start von big-sleep)</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Klasse:</translation>
    </message>
    <message>
        <source>%1 is an image prompt now.</source>
        <translation>%1 ist jetzt ein Bild-Prompt.</translation>
    </message>
    <message>
        <source>%1 is an image prompt already.</source>
        <translation>%1 ist bereits ein Bild-Prompt.</translation>
    </message>
    <message>
        <source>No init image: CLIP + VQGAN starts from random codes.</source>
        <translation>Kein Startbild: CLIP + VQGAN beginnt mit zufälligen Codes.</translation>
    </message>
    <message>
        <source>%1 is the init image now.</source>
        <translation>%1 ist jetzt das Startbild.</translation>
    </message>
    <message>
        <source>%1 is the init image now; only CLIP + VQGAN starts from it (Generator).</source>
        <translation>%1 ist jetzt das Startbild; nur CLIP + VQGAN geht davon aus (Generator).</translation>
    </message>
    <message>
        <source>Settings restored from %1; these images it names are not there: %2</source>
        <translation>Einstellungen aus %1 wiederhergestellt; diese darin genannten Bilder sind nicht vorhanden: %2</translation>
    </message>
    <message>
        <source>Pixel art</source>
        <translation>Pixel-Art</translation>
    </message>
    <message>
        <source>FFT image</source>
        <translation>FFT-Bild</translation>
    </message>
    <message>
        <source>CLIP + GAN steers a GAN&apos;s z; CLIP + VQGAN a VQGAN&apos;s latent grid (the shipped mini-VQGAN, or a taming checkpoint in the model folders, e.g. vqgan_imagenet_f16_16384.ckpt with its .yaml). Pixel art and FFT image need no generator, only a CLIP: a grid of coloured cells, or an image made from its spectrum</source>
        <translation>CLIP + GAN steuert das z eines GAN; CLIP + VQGAN das latente Raster eines VQGAN (das mitgelieferte Mini-VQGAN oder ein taming-Checkpoint in den Modellordnern, z. B. vqgan_imagenet_f16_16384.ckpt mit seiner .yaml). Pixel-Art und FFT-Bild brauchen keinen Generator, nur ein CLIP: ein Raster aus farbigen Zellen bzw. ein Bild, das aus seinem Spektrum entsteht</translation>
    </message>
    <message>
        <source>The image size of CLIP + VQGAN and the drawers (a GAN makes its own size)</source>
        <translation>Die Bildgröße von CLIP + VQGAN und den Zeichenmodi (ein GAN erzeugt seine eigene Größe)</translation>
    </message>
    <message>
        <source>×2 Higher Resolution</source>
        <translation>×2 Höhere Auflösung</translation>
    </message>
    <message>
        <source>The last run again at twice its size, from its last frame&apos;s latent, with the same prompts and settings (CLIP + VQGAN and the drawers)</source>
        <translation>Der letzte Lauf noch einmal in doppelter Größe, ausgehend vom Latent-Vektor seines letzten Bildes, mit denselben Prompts und Einstellungen (CLIP + VQGAN und die Zeichenmodi)</translation>
    </message>
    <message>
        <source>Continues a finished or stopped run of CLIP + VQGAN or a drawer at twice its size; there is none to continue yet</source>
        <translation>Setzt einen beendeten oder gestoppten Lauf von CLIP + VQGAN oder einem Zeichenmodus in doppelter Größe fort; noch gibt es keinen, der fortgesetzt werden kann</translation>
    </message>
</context>
<context>
    <name>atelier::ZeroShotPage</name>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Mini-CLIP vocabulary</source>
        <translation>Mini-CLIP-Vokabular</translation>
    </message>
    <message>
        <source>One label per line</source>
        <translation>Ein Label pro Zeile</translation>
    </message>
    <message>
        <source>{} stands for the label</source>
        <translation>{} steht für das Label</translation>
    </message>
    <message>
        <source>Ensemble of %1 templates (CLIP&apos;s prompt engineering)</source>
        <translation>Ensemble aus %1 Vorlagen (Prompt-Engineering von CLIP)</translation>
    </message>
    <message>
        <source>Each label&apos;s embedding is the average over the templates, as in CLIP&apos;s prompt-engineering notebook</source>
        <translation>Die Einbettung jedes Labels ist der Mittelwert über die Vorlagen, wie im Prompt-Engineering-Notebook von CLIP</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Klassifizieren</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Bild:</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>Labels:</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>Top k:</source>
        <translation>Top k:</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>Choose an image and give labels, one per line.</source>
        <translation>Wählen Sie ein Bild und geben Sie Labels ein, eines pro Zeile.</translation>
    </message>
    <message numerus="yes">
        <source>Classifying among %n label(s)…</source>
        <translation>
            <numerusform>Klassifizierung mit %n Label…</numerusform>
            <numerusform>Klassifizierung mit %n Labels…</numerusform>
        </translation>
    </message>
    <message>
        <source>Top: %1 (%2%)</source>
        <translation>Top: %1 (%2&#xa0;%)</translation>
    </message>
    <message>
        <source>Ensemble of %1 templates (%2)</source>
        <translation>Ensemble aus %1 Vorlagen (%2)</translation>
    </message>
    <message>
        <source>Choose an image, give labels and press Classify: the top k labels appear here with their probabilities.</source>
        <translation>Bild wählen, Labels eingeben und auf „Klassifizieren“ klicken: Die Top-k-Labels erscheinen hier mit ihren Wahrscheinlichkeiten.</translation>
    </message>
</context>
</TS>

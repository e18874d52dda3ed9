<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ErrorText</name>
    <message>
        <source>A value or input can&apos;t be used</source>
        <translation>Un valor o una entrada no se puede usar</translation>
    </message>
    <message>
        <source>A file or model is missing</source>
        <translation>Falta un archivo o un modelo</translation>
    </message>
    <message>
        <source>A file can&apos;t be read</source>
        <translation>No se puede leer un archivo</translation>
    </message>
    <message>
        <source>This model or build can&apos;t do that</source>
        <translation>Este modelo o esta compilación no puede hacerlo</translation>
    </message>
    <message>
        <source>The compute device failed</source>
        <translation>El dispositivo de cálculo falló</translation>
    </message>
    <message>
        <source>Something went wrong inside CLIP Atelier</source>
        <translation>Algo salió mal dentro de CLIP Atelier</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Change the value and try again.</source>
        <translation>Cambie el valor e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Models ▸ Model Folders shows where models go.</source>
        <translation>Modelos ▸ Carpetas de modelos muestra dónde van los modelos.</translation>
    </message>
    <message>
        <source>The file is damaged or is not what its name says; nothing was changed.</source>
        <translation>El archivo está dañado o no es lo que dice su nombre; no se cambió nada.</translation>
    </message>
    <message>
        <source>It may have run out of memory: try a smaller size, or the CPU (File ▸ Preferences).</source>
        <translation>Puede que se haya quedado sin memoria: pruebe un tamaño menor o la CPU (Archivo ▸ Preferencias).</translation>
    </message>
    <message>
        <source>This is a bug: please report it with the details.</source>
        <translation>Es un error del programa: infórmelo con los detalles.</translation>
    </message>
    <message>
        <source>Reading or writing failed</source>
        <translation>Falló la lectura o la escritura</translation>
    </message>
    <message>
        <source>Check the disk&apos;s free space and the network, then try again: nothing half-written was kept.</source>
        <translation>Compruebe el espacio libre del disco y la red, y vuelva a intentarlo: no se conservó nada escrito a medias.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>the image could not be encoded</source>
        <translation>no se pudo codificar la imagen</translation>
    </message>
</context>
<context>
    <name>atelier::AnimationExporter</name>
    <message>
        <source>Exporting</source>
        <translation>Exportando</translation>
    </message>
</context>
<context>
    <name>atelier::BatchDialog</name>
    <message>
        <source>The seeds can&apos;t be read here.</source>
        <translation>Las semillas no se pueden leer aquí.</translation>
    </message>
    <message>
        <source>Give at least one seed.</source>
        <translation>Indique al menos una semilla.</translation>
    </message>
    <message>
        <source>Seed %1 is over %2, the largest seed the tab takes.</source>
        <translation>La semilla %1 supera %2, la mayor semilla que admite la pestaña.</translation>
    </message>
    <message>
        <source>A GAN makes images of its own size: sweep the size with another generator.</source>
        <translation>Una GAN crea imágenes de su propio tamaño: varíe el tamaño con otro generador.</translation>
    </message>
    <message>
        <source>The prompt &quot;%1&quot; is given twice.</source>
        <translation>El prompt «%1» aparece dos veces.</translation>
    </message>
    <message>
        <source>More than %1 prompts: a batch compares at most %1.</source>
        <translation>Más de %1 prompts: un lote compara como máximo %1.</translation>
    </message>
    <message>
        <source>Give the prompts to compare, one per line.</source>
        <translation>Indique los prompts que desea comparar, uno por línea.</translation>
    </message>
    <message>
        <source>Give the values of %1, separated by commas.</source>
        <translation>Indique los valores de %1, separados por comas.</translation>
    </message>
    <message>
        <source>An empty value in &quot;%1&quot; (two commas, or one at an end).</source>
        <translation>Un valor vacío en «%1» (dos comas, o una al principio o al final).</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number.</source>
        <translation>%1: «%2» no es un número entero.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number (write decimals with a point: 0.05).</source>
        <translation>%1: «%2» no es un número (escriba los decimales con punto: 0.05).</translation>
    </message>
    <message>
        <source>%1=%2 is out of range: %1 takes %3 to %4.</source>
        <translation>%1=%2 está fuera de rango: %1 admite de %3 a %4.</translation>
    </message>
    <message>
        <source>size=%1: a size is a multiple of %2.</source>
        <translation>size=%1: un tamaño es un múltiplo de %2.</translation>
    </message>
    <message>
        <source>%1=%2 is given twice (as %3).</source>
        <translation>%1=%2 aparece dos veces (como %3).</translation>
    </message>
    <message>
        <source>More than %1 values: a batch sweeps at most %1.</source>
        <translation>Más de %1 valores: un lote varía como máximo %1.</translation>
    </message>
    <message>
        <source>%1 seeds × %2 values are %3 runs; at most %4 in a batch.</source>
        <translation>%1 semillas × %2 valores son %3 ejecuciones; como máximo %4 en un lote.</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>semilla %1</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) (%1 × %2), then a grid of their final images</source>
        <translation>
            <numerusform>%n ejecución (%1 × %2), luego una cuadrícula de su imagen final</numerusform>
            <numerusform>%n ejecuciones (%1 × %2), luego una cuadrícula de sus imágenes finales</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>The tab&apos;s settings, run once per seed (the grid&apos;s rows) and, if you like, once per value of one setting (its columns). The runs wait in the queue; when the last one has ended, their final images make one labelled grid.</source>
        <translation>Los ajustes de la pestaña, ejecutados una vez por semilla (las filas de la cuadrícula) y, si lo desea, una vez por valor de un ajuste (sus columnas). Las ejecuciones esperan en la cola; cuando termina la última, sus imágenes finales forman una cuadrícula rotulada.</translation>
    </message>
    <message>
        <source>&amp;Seeds:</source>
        <translation>&amp;Semillas:</translation>
    </message>
    <message>
        <source>Seeds and ranges of seeds, separated by commas: 1-8, 1,3,5 or 1-4,9 (at most %1 runs)</source>
        <translation>Semillas y rangos de semillas, separados por comas: 1-8, 1,3,5 o 1-4,9 (como máximo %1 ejecuciones)</translation>
    </message>
    <message>
        <source>S&amp;weep:</source>
        <translation>&amp;Variar:</translation>
    </message>
    <message>
        <source>One setting whose values make the grid&apos;s columns</source>
        <translation>Un ajuste cuyos valores forman las columnas de la cuadrícula</translation>
    </message>
    <message>
        <source>Nothing (seeds only)</source>
        <translation>Nada (solo semillas)</translation>
    </message>
    <message>
        <source>Learning rate (lr)</source>
        <translation>Tasa de aprendizaje (lr)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Cutouts (cutn)</source>
        <translation>Recortes (cutn)</translation>
    </message>
    <message>
        <source>Cut power (cut-pow)</source>
        <translation>Exponente de recorte (cut-pow)</translation>
    </message>
    <message>
        <source>Size (not for a GAN)</source>
        <translation>Tamaño (no para una GAN)</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>&amp;Values:</source>
        <translation>Valo&amp;res:</translation>
    </message>
    <message>
        <source>Values separated by commas, decimals with a point (at most %1)</source>
        <translation>Valores separados por comas, decimales con punto (como máximo %1)</translation>
    </message>
    <message>
        <source>a red circle
a blue square</source>
        <translation>a red circle
a blue square</translation>
    </message>
    <message>
        <source>One run&apos;s prompts per line (each line as the Prompts field takes them; at most %1 lines)</source>
        <translation>Los prompts de una ejecución por línea (cada línea como los admite el campo Prompts; como máximo %1 líneas)</translation>
    </message>
    <message>
        <source>Add to &amp;Queue</source>
        <translation>Añadir a la &amp;cola</translation>
    </message>
</context>
<context>
    <name>atelier::BigGanControls</name>
    <message>
        <source>The class the generator draws: type part of its name or its number</source>
        <translation>La clase que dibuja el generador: escriba parte de su nombre o su número</translation>
    </message>
    <message>
        <source>Same as Class</source>
        <translation>Igual que Clase</translation>
    </message>
    <message>
        <source>The class the interpolation ends at: the class vector goes from one class to the other while z follows the great circle. Empty: the same class, only z moves</source>
        <translation>La clase en la que termina la interpolación: el vector de clase va de una clase a la otra mientras z sigue el círculo máximo. Vacío: la misma clase, solo se mueve z</translation>
    </message>
    <message>
        <source>BigGAN&apos;s truncation t: z&apos;s components beyond ±2 are drawn again, then z is scaled by t, and the generator uses the statistics stored for t. Smaller t trades variety for typical, cleaner images</source>
        <translation>Truncamiento t de BigGAN: los componentes de z fuera de ±2 se vuelven a extraer, luego z se escala por t y el generador usa las estadísticas guardadas para t. Un t menor sacrifica variedad a cambio de imágenes más típicas y limpias</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Clase:</translation>
    </message>
    <message>
        <source>Truncation:</source>
        <translation>Truncamiento:</translation>
    </message>
    <message>
        <source>To class:</source>
        <translation>Hasta la clase:</translation>
    </message>
</context>
<context>
    <name>atelier::ClassPicker</name>
    <message>
        <source>Random</source>
        <translation>Aleatoria</translation>
    </message>
    <message>
        <source>Type part of a class&apos;s name or its number: the list shows the classes that match</source>
        <translation>Escriba parte del nombre de una clase o su número: la lista muestra las clases que coinciden</translation>
    </message>
    <message>
        <source>A class drawn at random</source>
        <translation>Una clase elegida al azar</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>clase %1</translation>
    </message>
    <message>
        <source>No class matches “%1”: type part of a name, or a number from 0 to %2.</source>
        <translation>Ninguna clase coincide con «%1»: escriba parte de un nombre o un número de 0 a %2.</translation>
    </message>
    <message numerus="yes">
        <source>“%1” matches %n classes: pick one from the list.</source>
        <translation>
            <numerusform>«%1» coincide con %n clase: elíjala de la lista.</numerusform>
            <numerusform>«%1» coincide con %n clases: elija una de la lista.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>atelier::ClipController</name>
    <message>
        <source>No CLIP model is loaded: %1</source>
        <translation>No hay ningún modelo CLIP cargado: %1</translation>
    </message>
    <message>
        <source>Loading CLIP…</source>
        <translation>Cargando CLIP…</translation>
    </message>
    <message>
        <source>Loading CLIP</source>
        <translation>Cargando CLIP</translation>
    </message>
    <message>
        <source>the default CLIP</source>
        <translation>el CLIP predeterminado</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>Puntuando</translation>
    </message>
    <message>
        <source>Scoring the table</source>
        <translation>Puntuando la tabla</translation>
    </message>
    <message>
        <source>Classifying</source>
        <translation>Clasificando</translation>
    </message>
    <message>
        <source>Listing labels</source>
        <translation>Listando etiquetas</translation>
    </message>
    <message>
        <source>Rendering images</source>
        <translation>Generando imágenes</translation>
    </message>
    <message>
        <source>the mini-CLIP&apos;s own caption forms</source>
        <translation>las formas de pie de foto del mini-CLIP</translation>
    </message>
    <message>
        <source>CLIP&apos;s prompt engineering</source>
        <translation>la ingeniería de prompts de CLIP</translation>
    </message>
    <message>
        <source>%1 (it failed before: %2)</source>
        <translation>%1 (ya falló antes: %2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No CLIP model could be loaded.</source>
        <translation>No se pudo cargar ningún modelo CLIP.</translation>
    </message>
    <message>
        <source>Not loaded: %1.</source>
        <translation>No cargados: %1.</translation>
    </message>
    <message>
        <source>Using %1; these could not be loaded: %2. Models ▸ Model Folders lists them.</source>
        <translation>Se usa %1; estos no se pudieron cargar: %2. Modelos ▸ Carpetas de modelos los muestra.</translation>
    </message>
    <message>
        <source>That image is no longer in the row: choose another.</source>
        <translation>Esa imagen ya no está en la fila: elija otra.</translation>
    </message>
    <message>
        <source>the mini-CLIP</source>
        <translation>el mini-CLIP</translation>
    </message>
</context>
<context>
    <name>atelier::ClipPanel</name>
    <message>
        <source>What CLIP does</source>
        <translation>Qué hace CLIP</translation>
    </message>
    <message>
        <source>Prompt vs images</source>
        <translation>Prompt frente a imágenes</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Zero-shot</source>
        <translation>Zero-shot</translation>
    </message>
    <message>
        <source>Cosine and softmax</source>
        <translation>Coseno y softmax</translation>
    </message>
    <message>
        <source>Get Models…</source>
        <translation>Obtener modelos…</translation>
    </message>
    <message>
        <source>OpenAI&apos;s CLIP and taming&apos;s VQGANs, downloaded and verified (Models ▸ Get Models)</source>
        <translation>El CLIP de OpenAI y los VQGAN de taming, descargados y verificados (Modelos ▸ Obtener modelos)</translation>
    </message>
    <message>
        <source>&lt;p&gt;CLIP reads a picture and a sentence and turns each into a vector of the same length (%1 numbers for %2): a vision transformer for the image, a text transformer for the words. It was trained on about 400 million captioned images found on the web to make the vectors of matching pairs point the same way and those of mismatched pairs apart.&lt;/p&gt;&lt;p&gt;How alike CLIP finds an image and a text is the &lt;b&gt;cosine&lt;/b&gt; of the angle between their vectors: near 1 when they agree, near 0 when unrelated. Comparing one prompt with several images and taking a softmax of the scaled cosines gives each image&apos;s share; classifying an image is the same thing with prompts such as &quot;a photo of a dog&quot;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;CLIP lee una imagen y una frase y convierte cada una en un vector de la misma longitud (%1 números en %2): un transformer de visión para la imagen y un transformer de texto para las palabras. Se entrenó con unos 400 millones de imágenes con pie de foto encontradas en la web para que los vectores de los pares que se corresponden apunten en la misma dirección y los de los pares que no se corresponden se separen.&lt;/p&gt;&lt;p&gt;Cuánto se parecen una imagen y un texto para CLIP es el &lt;b&gt;coseno&lt;/b&gt; del ángulo entre sus vectores: cerca de 1 cuando concuerdan y cerca de 0 cuando no guardan relación. Comparar un prompt con varias imágenes y aplicar un softmax a los cosenos escalados da la proporción de cada imagen; clasificar una imagen es lo mismo con prompts como «a photo of a dog».&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>atelier::ClipRowPage</name>
    <message>
        <source>Type a prompt, e.g. &quot;a photo of a cat&quot;</source>
        <translation>Escriba un prompt, p. ej., «a photo of a cat»</translation>
    </message>
    <message>
        <source>Add Images…</source>
        <translation>Añadir imágenes…</translation>
    </message>
    <message>
        <source>Or drop image files here, or paste an image (Ctrl+V)</source>
        <translation>O arrastre aquí archivos de imagen, o pegue una imagen (Ctrl+V)</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>Prompt:</translation>
    </message>
    <message>
        <source>The prompt&apos;s embedding</source>
        <translation>El embedding del prompt</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>en bruto</translation>
    </message>
    <message>
        <source>normalised</source>
        <translation>normalizado</translation>
    </message>
    <message>
        <source>Raw: encode_text / encode_image as they come; normalised: divided by their length, so the cosine is their dot product</source>
        <translation>En bruto: encode_text / encode_image tal cual salen; normalizado: divididos entre su longitud, de modo que el coseno es su producto escalar</translation>
    </message>
    <message>
        <source>the prompt</source>
        <translation>prompt</translation>
    </message>
    <message>
        <source>Show the prompt&apos;s embedding, or its difference from an image&apos;s (both normalised)</source>
        <translation>Mostrar el embedding del prompt o su diferencia con el de una imagen (ambos normalizados)</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>Embeddings</translation>
    </message>
    <message>
        <source>Copy as Numbers</source>
        <translation>Copiar como números</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>Copiar como JSON</translation>
    </message>
    <message>
        <source>Export CSV or JSON…</source>
        <translation>Exportar CSV o JSON…</translation>
    </message>
    <message>
        <source>Export Embeddings</source>
        <translation>Exportar embeddings</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation>Archivos CSV (*.csv);;Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>Embedding of</source>
        <translation>Embedding de</translation>
    </message>
    <message>
        <source>pasted %1</source>
        <translation>imagen pegada %1</translation>
    </message>
    <message>
        <source>dropped %1</source>
        <translation>imagen arrastrada %1</translation>
    </message>
    <message>
        <source>prompt − %1</source>
        <translation>prompt − %1</translation>
    </message>
    <message>
        <source>Reset to Examples</source>
        <translation>Restablecer ejemplos</translation>
    </message>
    <message>
        <source>Put the example images back in place of the row&apos;s images</source>
        <translation>Vuelve a poner las imágenes de ejemplo en lugar de las de la fila</translation>
    </message>
</context>
<context>
    <name>atelier::ClipTablePage</name>
    <message>
        <source>Compute Table</source>
        <translation>Calcular tabla</translation>
    </message>
    <message>
        <source>One prompt per line</source>
        <translation>Un prompt por línea</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>coseno</translation>
    </message>
    <message>
        <source>softmax over images</source>
        <translation>softmax sobre imágenes</translation>
    </message>
    <message>
        <source>softmax over prompts</source>
        <translation>softmax sobre prompts</translation>
    </message>
    <message>
        <source>Softmax over images: each row sums to 1 (which image fits this prompt); over prompts: each column sums to 1 (which prompt fits this image)</source>
        <translation>Softmax sobre imágenes: cada fila suma 1 (qué imagen encaja con este prompt); sobre prompts: cada columna suma 1 (qué prompt encaja con esta imagen)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export Table</source>
        <translation>Exportar tabla</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Exportar PNG…</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>images</source>
        <translation>imágenes</translation>
    </message>
    <message>
        <source>prompts</source>
        <translation>prompts</translation>
    </message>
    <message>
        <source>%1 prompts × %2 images. Click a cell to see that pair.</source>
        <translation>%1 prompts × %2 imágenes. Haga clic en una celda para ver ese par.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; × %2: cosine %3, softmax over images %4%, over prompts %5%</source>
        <translation>«%1» × %2: coseno %3, softmax sobre imágenes %4&#xa0;%, sobre prompts %5&#xa0;%</translation>
    </message>
    <message>
        <source>Compute the table first.</source>
        <translation>Calcule primero la tabla.</translation>
    </message>
    <message>
        <source>Type prompts, one per line, and press Compute Table: a row per prompt, a column per image of the row, each cell their cosine or softmax share.</source>
        <translation>Escriba prompts, uno por línea, y pulse «Calcular tabla»: una fila por prompt, una columna por imagen de la fila, en cada celda su coseno o su parte del softmax.</translation>
    </message>
    <message numerus="yes">
        <source>Scoring %n prompt(s) against the row…</source>
        <translation>
            <numerusform>Comparando %n prompt con la fila…</numerusform>
            <numerusform>Comparando %n prompts con la fila…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>atelier::CompareDialog</name>
    <message>
        <source>Compare Runs</source>
        <translation>Comparar ejecuciones</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <source>Wipe</source>
        <translation>Cortinilla</translation>
    </message>
    <message>
        <source>Left of the line: A; right of it: B (or drag on the image)</source>
        <translation>A la izquierda de la línea: A; a la derecha: B (o arrastre sobre la imagen)</translation>
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
        <translation>no es un color: escríbalo como #rrggbb</translation>
    </message>
    <message>
        <source>more than %1 colours</source>
        <translation>más de %1 colores</translation>
    </message>
    <message>
        <source>colour %1 is not a colour: list them as #rrggbb,#rrggbb,…</source>
        <translation>el color %1 no es un color: escriba los colores como #rrggbb,#rrggbb,…</translation>
    </message>
    <message>
        <source>Add a Palette Colour</source>
        <translation>Añadir un color de paleta</translation>
    </message>
    <message>
        <source>Border Colour</source>
        <translation>Color del borde</translation>
    </message>
    <message>
        <source>Palette: %1 (not used until it reads right)</source>
        <translation>Paleta: %1 (no se usa hasta que sea correcta)</translation>
    </message>
    <message>
        <source>Border: %1 (not used until it reads right)</source>
        <translation>Borde: %1 (no se usa hasta que sea correcto)</translation>
    </message>
    <message>
        <source>Constraints</source>
        <translation>Restricciones</translation>
    </message>
    <message numerus="yes">
        <source>Constraints (%n on)</source>
        <translation>
            <numerusform>Restricciones (%n activa)</numerusform>
            <numerusform>Restricciones (%n activas)</numerusform>
        </translation>
    </message>
    <message>
        <source>0 = off; about 10 is strong. Takes effect at the next step, also while a run goes on.</source>
        <translation>0 = desactivado; en torno a 10 es fuerte. Se aplica en el siguiente paso, también durante una ejecución en curso.</translation>
    </message>
    <message>
        <source>Symmetry:</source>
        <translation>Simetría:</translation>
    </message>
    <message>
        <source>Pulls the image towards its left/right mirror image. %1</source>
        <translation>Atrae la imagen hacia su reflejo izquierda/derecha. %1</translation>
    </message>
    <message>
        <source>Vertical symmetry:</source>
        <translation>Simetría vertical:</translation>
    </message>
    <message>
        <source>Pulls the image towards its top/bottom mirror image. %1</source>
        <translation>Atrae la imagen hacia su reflejo arriba/abajo. %1</translation>
    </message>
    <message>
        <source>Smoothness:</source>
        <translation>Suavidad:</translation>
    </message>
    <message>
        <source>Flat regions with their edges kept (total variation). %1</source>
        <translation>Regiones planas que conservan sus bordes (variación total). %1</translation>
    </message>
    <message>
        <source>Saturation:</source>
        <translation>Saturación:</translation>
    </message>
    <message>
        <source>Positive: purer, stronger colours; negative: towards greys. %1</source>
        <translation>Positivo: colores más puros e intensos; negativo: hacia los grises. %1</translation>
    </message>
    <message>
        <source>Palette:</source>
        <translation>Paleta:</translation>
    </message>
    <message>
        <source>Pulls every pixel towards the nearest of these colours (1 to %1, as #rrggbb,#rrggbb,…); empty = off</source>
        <translation>Atrae cada píxel hacia el más cercano de estos colores (de 1 a %1, como #rrggbb,#rrggbb,…); vacío = desactivado</translation>
    </message>
    <message>
        <source>Palette weight:</source>
        <translation>Peso de la paleta:</translation>
    </message>
    <message>
        <source>How strongly the palette pulls. %1</source>
        <translation>Con qué fuerza atrae la paleta. %1</translation>
    </message>
    <message>
        <source>Border:</source>
        <translation>Borde:</translation>
    </message>
    <message>
        <source>A colour (#rrggbb) for a band around the edge; empty = off</source>
        <translation>Un color (#rrggbb) para una franja alrededor del contorno de la imagen; vacío = desactivado</translation>
    </message>
    <message>
        <source>Border weight:</source>
        <translation>Peso del borde:</translation>
    </message>
    <message>
        <source>How strongly the border colour pulls. %1</source>
        <translation>Con qué fuerza atrae el color del borde. %1</translation>
    </message>
    <message>
        <source>Tile:</source>
        <translation>Mosaico:</translation>
    </message>
    <message>
        <source>Seamless tiles: the image wraps around, so copies of it side by side show no seam</source>
        <translation>Mosaico sin costuras: la imagen continúa más allá de sus bordes, de modo que sus copias colocadas una al lado de otra no muestran ninguna costura</translation>
    </message>
    <message>
        <source>Seamless</source>
        <translation>Sin costuras</translation>
    </message>
    <message>
        <source>Tile weight:</source>
        <translation>Peso del mosaico:</translation>
    </message>
    <message>
        <source>How strongly the seam is closed; 100 by default, as the seam&apos;s value is small (0: tiles, and the seam is only reported)</source>
        <translation>Con qué fuerza se cierra la costura; 100 por defecto, ya que el valor de la costura es pequeño (0: hace mosaico y la costura solo se notifica)</translation>
    </message>
    <message>
        <source>Pick…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Add a colour to the palette</source>
        <translation>Añadir un color a la paleta</translation>
    </message>
    <message>
        <source>Choose the border colour</source>
        <translation>Elegir el color del borde</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>Weighted loss terms beside the prompts; each shows in the loss plot as &quot;term: …&quot;</source>
        <translation>Términos de pérdida ponderados junto a los prompts; cada uno aparece en el gráfico de pérdida como «term: …»</translation>
    </message>
</context>
<context>
    <name>atelier::CosineDemo</name>
    <message>
        <source>Drag the ends of the two arrows</source>
        <translation>Arrastre los extremos de las dos flechas</translation>
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
        <translation>Dos vectores que apuntan en la misma dirección forman un ángulo θ cercano a 0 y su cos θ es cercano a 1; en ángulo recto, cos θ vale 0; en sentidos opuestos, −1. CLIP puntúa una imagen frente a un texto con este coseno de sus embeddings. Arrastre las flechas.</translation>
    </message>
    <message>
        <source>Why multiply by the logit scale? Cosines of CLIP embeddings are small and close together (0.2 to 0.35 is typical), so a plain softmax over them gives every image nearly the same share. CLIP learned a temperature during training: its logits are the cosines times exp(logit_scale), 100 for the released models, which turns small differences in cosine into decisive shares. Change the scale and the cosines below and watch the shares.</source>
        <translation>¿Por qué multiplicar por la escala de logits? Los cosenos de los embeddings de CLIP son pequeños y muy próximos entre sí (lo habitual es entre 0,2 y 0,35), así que un softmax directo sobre ellos da a cada imagen casi la misma proporción. CLIP aprendió una temperatura durante el entrenamiento: sus logits son los cosenos multiplicados por exp(logit_scale), 100 en los modelos publicados, lo que convierte pequeñas diferencias de coseno en proporciones decisivas. Cambie la escala y los cosenos de abajo y observe las proporciones.</translation>
    </message>
    <message>
        <source>image %1 cosine:</source>
        <translation>coseno de la imagen %1:</translation>
    </message>
    <message>
        <source>logit scale:</source>
        <translation>escala de logits:</translation>
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
        <translation>Reproduciendo trazos</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) done: replay or export the drawing.</source>
        <translation>
            <numerusform>%n paso completado: reproduzca o exporte el dibujo.</numerusform>
            <numerusform>%n pasos completados: reproduzca o exporte el dibujo.</numerusform>
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
        <translation>Cómo pinta CLIPDraw</translation>
    </message>
    <message>
        <source>&lt;p&gt;A generator is not the only way to give CLIP something to optimise. Optimising raw pixels against a prompt gives noisy, unnatural pictures, so CLIPDraw restricts the image to a few hundred coloured Bezier strokes instead: that restriction is its &quot;natural image prior&quot;.&lt;/p&gt;&lt;p&gt;The strokes start at random. A differentiable rasteriser draws them, CLIP scores the drawing against the prompt, and the gradient of that score moves every stroke&apos;s control points, width and colour. The result is a drawing you can export as SVG and edit.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Un generador no es la única forma de dar a CLIP algo que optimizar. Optimizar directamente los píxeles frente a un prompt produce imágenes ruidosas y poco naturales, así que CLIPDraw limita la imagen a unos cientos de trazos de Bézier de colores: esa restricción es su «prior de imagen natural».&lt;/p&gt;&lt;p&gt;Los trazos empiezan al azar. Un rasterizador diferenciable los dibuja, CLIP puntúa el dibujo frente al prompt y el gradiente de esa puntuación modifica los puntos de control, el grosor y el color de cada trazo. El resultado es un dibujo que puede exportar como SVG y editar.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>white</source>
        <translation>blanco</translation>
    </message>
    <message>
        <source>black</source>
        <translation>negro</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>gris</translation>
    </message>
    <message>
        <source>Strokes:</source>
        <translation>Trazos:</translation>
    </message>
    <message>
        <source>Max width:</source>
        <translation>Grosor máx.:</translation>
    </message>
    <message>
        <source>Iterations:</source>
        <translation>Iteraciones:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Semilla:</translation>
    </message>
    <message>
        <source>Background:</source>
        <translation>Fondo:</translation>
    </message>
    <message>
        <source>&amp;Replay Strokes</source>
        <translation>Reproducir &amp;trazos</translation>
    </message>
    <message>
        <source>optional, e.g. a watercolour painting of</source>
        <translation>opcional, p. ej., «a watercolour painting of»</translation>
    </message>
    <message>
        <source>A drawing style put before every positive prompt</source>
        <translation>Un estilo de dibujo que se antepone a cada prompt positivo</translation>
    </message>
    <message>
        <source>Number of strokes (the original uses 256)</source>
        <translation>Número de trazos (el original usa 256)</translation>
    </message>
    <message>
        <source>Widths are kept between 1 px and this</source>
        <translation>Los grosores se mantienen entre 1 px y este valor</translation>
    </message>
    <message>
        <source>The canvas: 224 is the original&apos;s; the mini-CLIP sees 64 px, where it draws best</source>
        <translation>El lienzo: 224 es el del original; el mini-CLIP ve 64 px, tamaño en el que mejor dibuja</translation>
    </message>
    <message>
        <source>Style:</source>
        <translation>Estilo:</translation>
    </message>
    <message>
        <source>Canvas:</source>
        <translation>Lienzo:</translation>
    </message>
    <message>
        <source>Draw the finished strokes one by one, in their order</source>
        <translation>Dibujar los trazos terminados uno a uno, en su orden</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportar</translation>
    </message>
    <message>
        <source>SVG (editable strokes)…</source>
        <translation>SVG (trazos editables)…</translation>
    </message>
    <message>
        <source>Export SVG</source>
        <translation>Exportar SVG</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>Dibujos SVG (*.svg)</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>Imagen…</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>Exportar imagen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.webp)</source>
        <translation>Imágenes (*.png *.jpg *.webp)</translation>
    </message>
    <message>
        <source>Run as Animation (GIF, MP4, WebP)…</source>
        <translation>Ejecución como animación (GIF, MP4, WebP)…</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>Todavía no hay nada que exportar.</translation>
    </message>
    <message>
        <source>Run as PNG Frames…</source>
        <translation>Ejecución como fotogramas PNG…</translation>
    </message>
    <message>
        <source>open strokes</source>
        <translation>trazos abiertos</translation>
    </message>
    <message>
        <source>filled shapes</source>
        <translation>formas rellenas</translation>
    </message>
    <message>
        <source>Paths:</source>
        <translation>Trazados:</translation>
    </message>
    <message>
        <source>Keep fully transparent strokes in the SVG</source>
        <translation>Conservar en el SVG los trazos totalmente transparentes</translation>
    </message>
    <message>
        <source>Strokes the optimisation faded out entirely draw nothing; the SVG leaves them out unless this is on (to bring them back in an editor)</source>
        <translation>Los trazos que la optimización desvaneció por completo no dibujan nada; el SVG los omite salvo que esto esté activo (para recuperarlos en un editor)</translation>
    </message>
    <message>
        <source>line sketch</source>
        <translation>boceto de líneas</translation>
    </message>
    <message>
        <source>Open Bézier strokes (the original&apos;s), closed filled blobs outlined in their own colour, or a line sketch: black strokes of one width, where only their course is optimised</source>
        <translation>Trazos de Bézier abiertos (los del original), manchas cerradas y rellenas con el contorno de su propio color, o un boceto de líneas: trazos negros de un mismo grosor, de los que solo se optimiza el recorrido</translation>
    </message>
    <message>
        <source>The width of every stroke of a line sketch, in pixels</source>
        <translation>El grosor de cada trazo de un boceto de líneas, en píxeles</translation>
    </message>
    <message>
        <source>Sketch width:</source>
        <translation>Grosor del boceto:</translation>
    </message>
    <message>
        <source>×2 Higher Resolution</source>
        <translation>×2 Mayor resolución</translation>
    </message>
    <message>
        <source>Continue the last drawing at twice its canvas (points and widths doubled) for the iterations set</source>
        <translation>Continuar el último dibujo en un lienzo del doble de tamaño (puntos y anchos duplicados) durante las iteraciones indicadas</translation>
    </message>
</context>
<context>
    <name>atelier::DrawerBox</name>
    <message>
        <source>Palette: %1 (a run refuses it until it reads right)</source>
        <translation>Paleta: %1 (una ejecución la rechaza hasta que sea correcta)</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>Cuadrícula:</translation>
    </message>
    <message>
        <source>Pixel art&apos;s cells, across × down: each cell is one colour. Only counts that divide the image size are offered</source>
        <translation>Las celdas del pixel art, en horizontal × en vertical: cada celda es de un solo color. Solo se ofrecen cantidades que dividen el tamaño de la imagen</translation>
    </message>
    <message>
        <source>Cells across</source>
        <translation>Celdas en horizontal</translation>
    </message>
    <message>
        <source>Cells down</source>
        <translation>Celdas en vertical</translation>
    </message>
    <message>
        <source>Palette:</source>
        <translation>Paleta:</translation>
    </message>
    <message>
        <source>Every cell shows the nearest of these colours (as #rrggbb,#rrggbb,…); empty = any colour</source>
        <translation>Cada celda muestra el más cercano de estos colores (como #rrggbb,#rrggbb,…); vacío = cualquier color</translation>
    </message>
    <message>
        <source>Decay:</source>
        <translation>Decaimiento:</translation>
    </message>
    <message>
        <source>How fast the FFT image&apos;s spectrum falls off with frequency (1 / frequency^decay): higher is smoother, lower is finer and noisier; 1 by default</source>
        <translation>Con qué rapidez cae el espectro de la imagen FFT con la frecuencia (1 / frecuencia^decaimiento): más alto es más suave, más bajo es más fino y más ruidoso; 1 por defecto</translation>
    </message>
</context>
<context>
    <name>atelier::ExportDialog</name>
    <message>
        <source>Export Animation</source>
        <translation>Exportar animación</translation>
    </message>
    <message>
        <source>Longer side:</source>
        <translation>Lado mayor:</translation>
    </message>
    <message>
        <source>The frames enlarged by a factor, or to a length in pixels of their longer side</source>
        <translation>Los fotogramas ampliados por un factor, o hasta que su lado mayor tenga una longitud en píxeles</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Nearest (crisp pixels)</source>
        <translation>Vecino más cercano (píxeles nítidos)</translation>
    </message>
    <message>
        <source>Smooth</source>
        <translation>Suave</translation>
    </message>
    <message>
        <source>How frames are enlarged: nearest keeps a small model&apos;s pixels sharp, smooth blends them</source>
        <translation>Cómo se amplían los fotogramas: «Vecino más cercano» mantiene nítidos los píxeles de un modelo pequeño; «Suave» los funde entre sí</translation>
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
        <translation>Cuánto tiempo más permanece el último fotograma, para que el bucle se detenga en el resultado</translation>
    </message>
    <message>
        <source>1: every frame; N: every Nth frame, for a shorter file (the last frame is always in)</source>
        <translation>1: todos los fotogramas; N: uno de cada N fotogramas, para un archivo más corto (el último fotograma siempre se incluye)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Export Folder</source>
        <translation>Carpeta de exportación</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Tamaño:</translation>
    </message>
    <message>
        <source>Scaling:</source>
        <translation>Escalado:</translation>
    </message>
    <message>
        <source>Frame rate:</source>
        <translation>Velocidad de fotogramas:</translation>
    </message>
    <message>
        <source>Hold last frame:</source>
        <translation>Mantener el último fotograma:</translation>
    </message>
    <message>
        <source>Every Nth frame:</source>
        <translation>Uno de cada N fotogramas:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Carpeta:</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>Nombre de archivo:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>×%1 (%2 × %3)</source>
        <translation>×%1 (%2 × %3)</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 px · %n frame(s) · %3 s</source>
        <translation>
            <numerusform>%1 × %2 px · %n fotograma · %3 s</numerusform>
            <numerusform>%1 × %2 px · %n fotogramas · %3 s</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>Elija una carpeta.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La carpeta %1 no existe.</translation>
    </message>
    <message>
        <source>%1 is already there: Export replaces it.</source>
        <translation>%1 ya existe: «Exportar» lo reemplaza.</translation>
    </message>
</context>
<context>
    <name>atelier::GanController</name>
    <message>
        <source>Finding generators</source>
        <translation>Buscando generadores</translation>
    </message>
    <message>
        <source>Loading generator</source>
        <translation>Cargando generador</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Muestreando</translation>
    </message>
    <message>
        <source>Sampling a grid</source>
        <translation>Muestreando una cuadrícula</translation>
    </message>
    <message>
        <source>Interpolating</source>
        <translation>Interpolando</translation>
    </message>
    <message>
        <source>No generator is installed. Models ▸ Model Folders shows where they go; clip-atelier-cli train gan makes one.</source>
        <translation>No hay ningún generador instalado. Modelos ▸ Carpetas de modelos muestra dónde colocarlos; clip-atelier-cli train gan crea uno.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Cargando %1…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The generator could not be loaded: %1</source>
        <translation>No se pudo cargar el generador: %1</translation>
    </message>
    <message>
        <source>%1 (it failed before: %2)</source>
        <translation>%1 (ya falló antes: %2)</translation>
    </message>
    <message>
        <source>none of the generators could be loaded: %1</source>
        <translation>no se pudo cargar ninguno de los generadores: %1</translation>
    </message>
    <message>
        <source>Using the generator %1; these could not be loaded: %2. Models ▸ Model Folders lists them.</source>
        <translation>Se usa el generador %1; estos no se pudieron cargar: %2. Modelos ▸ Carpetas de modelos los muestra.</translation>
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
        <translation>Qué hace una GAN</translation>
    </message>
    <message>
        <source>&lt;p&gt;A generative adversarial network is two networks trained against each other. The &lt;b&gt;generator&lt;/b&gt; G turns a vector of random numbers z into an image; the &lt;b&gt;discriminator&lt;/b&gt; D looks at an image and says how likely it is to be real.&lt;/p&gt;&lt;p&gt;D is trained to maximise log D(x) + log(1 − D(G(z))): high on real images x, low on generated ones. G is trained to fool it, pushing D(G(z)) towards 1. They take turns, and as each improves the other must too, until G&apos;s images are hard to tell from real ones. Every z gives a different image; nearby z give similar ones.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Una red generativa antagónica consta de dos redes entrenadas una contra otra. El &lt;b&gt;generador&lt;/b&gt; G convierte un vector de números aleatorios z en una imagen; el &lt;b&gt;discriminador&lt;/b&gt; D examina una imagen e indica qué probabilidad hay de que sea real.&lt;/p&gt;&lt;p&gt;D se entrena para maximizar log D(x) + log(1 − D(G(z))): alto con imágenes reales x, bajo con las generadas. G se entrena para engañarlo, llevando D(G(z)) hacia 1. Se turnan, y a medida que uno mejora, el otro también tiene que hacerlo, hasta que resulta difícil distinguir las imágenes de G de las reales. Cada z da una imagen distinta; valores de z cercanos dan imágenes parecidas.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>G(z) appears here: press Sample.</source>
        <translation>Aquí aparece G(z): pulse «Generar».</translation>
    </message>
    <message>
        <source>The latent vector z fed to the generator</source>
        <translation>El vector latente z que recibe el generador</translation>
    </message>
    <message>
        <source>The seed that draws z: the same seed gives the same image</source>
        <translation>La semilla con la que se extrae z: la misma semilla da la misma imagen</translation>
    </message>
    <message>
        <source>&amp;Sample</source>
        <translation>&amp;Generar</translation>
    </message>
    <message>
        <source>Sample &amp;Grid</source>
        <translation>Generar &amp;cuadrícula</translation>
    </message>
    <message>
        <source>Play &amp;Interpolation</source>
        <translation>Reproducir &amp;interpolación</translation>
    </message>
    <message>
        <source>Generator:</source>
        <translation>Generador:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Semilla:</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Muestreo</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>Fotogramas:</translation>
    </message>
    <message>
        <source>Grid and interpolation</source>
        <translation>Cuadrícula e interpolación</translation>
    </message>
    <message>
        <source>z:</source>
        <translation>z:</translation>
    </message>
    <message>
        <source>&amp;Truncate at</source>
        <translation>&amp;Truncar en</translation>
    </message>
    <message>
        <source>Draw a new z from a fresh seed and generate (Ctrl+R)</source>
        <translation>Extraer un nuevo z de una semilla nueva y generar (Ctrl+R)</translation>
    </message>
    <message>
        <source>Truncation: components of z beyond ±t are drawn again. Smaller t trades variety for typical, cleaner images</source>
        <translation>Truncamiento: los componentes de z fuera de ±t se vuelven a extraer. Un t menor sacrifica variedad a cambio de imágenes más típicas y limpias</translation>
    </message>
    <message>
        <source>Rows and columns of the grid: samples of the seeds from the current one on</source>
        <translation>Filas y columnas de la cuadrícula: muestras de las semillas a partir de la actual</translation>
    </message>
    <message>
        <source>Click a sample to show it; Ctrl+click two to interpolate between them</source>
        <translation>Haga clic en una muestra para mostrarla; Ctrl+clic en dos para interpolar entre ellas</translation>
    </message>
    <message>
        <source>Frames of the interpolation, both ends included</source>
        <translation>Fotogramas de la interpolación, incluidos ambos extremos</translation>
    </message>
    <message>
        <source>Play the spherical path between the two selected samples&apos; z (or this seed and the next)</source>
        <translation>Reproducir la trayectoria esférica entre los z de las dos muestras seleccionadas (o entre esta semilla y la siguiente)</translation>
    </message>
    <message>
        <source>Interpolation: frame %1 of %2</source>
        <translation>Interpolación: fotograma %1 de %2</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportar</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>Imagen…</translation>
    </message>
    <message>
        <source>image</source>
        <translation>la imagen</translation>
    </message>
    <message>
        <source>Grid…</source>
        <translation>Cuadrícula…</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>la cuadrícula</translation>
    </message>
    <message>
        <source>Interpolation as Animation (GIF, MP4, WebP)…</source>
        <translation>Interpolación como animación (GIF, MP4, WebP)…</translation>
    </message>
    <message>
        <source>Interpolation as PNG Frames…</source>
        <translation>Interpolación como fotogramas PNG…</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>Cuadrícula:</translation>
    </message>
    <message>
        <source>Seed %1 · %2×%3</source>
        <translation>Semilla %1 · %2×%3</translation>
    </message>
    <message>
        <source>Seed %1</source>
        <translation>Semilla %1</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>Nothing to export yet.</source>
        <translation>Todavía no hay nada que exportar.</translation>
    </message>
    <message>
        <source>Play an interpolation first.</source>
        <translation>Reproduzca primero una interpolación.</translation>
    </message>
    <message>
        <source>Saved %1 frames in %2</source>
        <translation>Se han guardado %1 fotogramas en %2</translation>
    </message>
    <message>
        <source>Export the %1</source>
        <translation>Exportar %1</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.webp)</source>
        <translation>Imágenes (*.png *.jpg *.webp)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
    <message>
        <source>Folder for the frames</source>
        <translation>Carpeta para los fotogramas</translation>
    </message>
    <message>
        <source>The generator: the shipped mini-GANs, any found in the model folders, and BigGAN-deep models there</source>
        <translation>El generador: las mini-GAN incluidas, las que se encuentren en las carpetas de modelos y los modelos BigGAN-deep que haya allí</translation>
    </message>
    <message>
        <source>Seed %1 · %2 · %3×%4</source>
        <translation>Semilla %1 · %2 · %3×%4</translation>
    </message>
</context>
<context>
    <name>atelier::GetModelsDialog</name>
    <message>
        <source>the model catalogue</source>
        <translation>el catálogo de modelos</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;Descargar</translation>
    </message>
    <message>
        <source>Downloads the model (and what it needs) into your models folder, checking its SHA-256</source>
        <translation>Descarga el modelo (y lo que necesita) en su carpeta de modelos y comprueba su SHA-256</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Stops the download; the part downloaded is kept and Download resumes it</source>
        <translation>Detiene la descarga; la parte descargada se conserva y «Descargar» la reanuda</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verificar</translation>
    </message>
    <message>
        <source>Checks each file&apos;s size and SHA-256 against the published or recorded one</source>
        <translation>Compara el tamaño y el SHA-256 de cada archivo con los publicados o registrados</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>Deletes the model&apos;s files from your models folder (never files found elsewhere)</source>
        <translation>Borra los archivos del modelo de su carpeta de modelos (nunca archivos encontrados en otro lugar)</translation>
    </message>
    <message>
        <source>Use for C&amp;LIP</source>
        <translation>Usar para C&amp;LIP</translation>
    </message>
    <message>
        <source>Loads it in the CLIP tab</source>
        <translation>Lo carga en la pestaña CLIP</translation>
    </message>
    <message>
        <source>Use for CLIP + V&amp;QGAN</source>
        <translation>Usar para CLIP + V&amp;QGAN</translation>
    </message>
    <message>
        <source>Makes it the VQGAN of CLIP + VQGAN runs</source>
        <translation>Lo convierte en el VQGAN de las ejecuciones de CLIP + VQGAN</translation>
    </message>
    <message>
        <source>Get Models</source>
        <translation>Obtener modelos</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>What it is for</source>
        <translation>Para qué sirve</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>%1 is installed in %2.</source>
        <translation>%1 está instalado en %2.</translation>
    </message>
    <message>
        <source>The download of %1 was stopped. The part downloaded is kept: Download resumes it.</source>
        <translation>Se detuvo la descarga de %1. La parte descargada se conserva: «Descargar» la reanuda.</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>Licencia: %1</translation>
    </message>
    <message>
        <source>%1 from %2 (SHA-256: %3)</source>
        <translation>%1 desde %2 (SHA-256: %3)</translation>
    </message>
    <message>
        <source>none published</source>
        <translation>no publicado</translation>
    </message>
    <message>
        <source>SHA-256 recorded at download: %1</source>
        <translation>SHA-256 registrado en la descarga: %1</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>instalado</translation>
    </message>
    <message>
        <source>found at %1</source>
        <translation>encontrado en %1</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>no instalado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Descargando %1…</translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation>Descargando %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>faltan %1</translation>
    </message>
    <message>
        <source>file %1 of %2</source>
        <translation>archivo %1 de %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminado</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>Verificando %1…</translation>
    </message>
    <message>
        <source>Verifying %1</source>
        <translation>Verificando %1</translation>
    </message>
    <message>
        <source>%1 is as expected:</source>
        <translation>%1 es como se esperaba:</translation>
    </message>
    <message>
        <source>%1 is not as expected:</source>
        <translation>%1 no es como se esperaba:</translation>
    </message>
    <message>
        <source>Remove Model</source>
        <translation>Eliminar modelo</translation>
    </message>
    <message>
        <source>Delete the files of %1 from your models folder?</source>
        <translation>¿Borrar los archivos de %1 de su carpeta de modelos?</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>Eliminado: %1</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>Eliminando %1</translation>
    </message>
</context>
<context>
    <name>atelier::GuideController</name>
    <message>
        <source>The latent of step %1 is no longer kept.</source>
        <translation>El latente del paso %1 ya no se conserva.</translation>
    </message>
    <message>
        <source>Restarted from step %1.</source>
        <translation>Reiniciado desde el paso %1.</translation>
    </message>
    <message>
        <source>A run needs a CLIP model; none is installed.</source>
        <translation>Una ejecución necesita un modelo CLIP; no hay ninguno instalado.</translation>
    </message>
    <message>
        <source>A run needs a GAN; none is installed.</source>
        <translation>Una ejecución necesita una GAN; no hay ninguna instalada.</translation>
    </message>
    <message>
        <source>A run needs a VQGAN; none is installed (Models ▸ Model Folders shows where taming checkpoints go).</source>
        <translation>Una ejecución necesita un VQGAN; no hay ninguno instalado (Modelos ▸ Carpetas de modelos muestra dónde van los checkpoints de taming).</translation>
    </message>
    <message>
        <source>%1 (it failed before: %2)</source>
        <translation>%1 (ya falló antes: %2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Using %1; these VQGANs could not be loaded: %2. Models ▸ Model Folders lists them.</source>
        <translation>Se usa %1; estos VQGAN no se pudieron cargar: %2. Modelos ▸ Carpetas de modelos los muestra.</translation>
    </message>
    <message>
        <source>%1 holds no run.</source>
        <translation>%1 no contiene ninguna ejecución.</translation>
    </message>
    <message>
        <source>Settings restored from the run of %1.</source>
        <translation>Ajustes restaurados de la ejecución del %1.</translation>
    </message>
    <message numerus="yes">
        <source>Its prompts changed %n time(s) while it ran: these are the first; Continue from Last Frame goes on with the last.</source>
        <translation>
            <numerusform>Sus prompts cambiaron %n vez mientras se ejecutaba: estos son los primeros; «Continuar desde el último fotograma» sigue con los últimos.</numerusform>
            <numerusform>Sus prompts cambiaron %n veces mientras se ejecutaba: estos son los primeros; «Continuar desde el último fotograma» sigue con los últimos.</numerusform>
        </translation>
    </message>
    <message>
        <source>It used the VQGAN %1; runs now use %2.</source>
        <translation>Usó el VQGAN %1; las ejecuciones usan ahora %2.</translation>
    </message>
    <message>
        <source>A run is going on: stop it before continuing another.</source>
        <translation>Hay una ejecución en curso: deténgala antes de continuar otra.</translation>
    </message>
    <message>
        <source>That run kept no latent, and a GAN can&apos;t start from an image: its settings are restored.</source>
        <translation>Esa ejecución no guardó ningún latente y una GAN no puede partir de una imagen: se han restaurado sus ajustes.</translation>
    </message>
    <message>
        <source>Continuing the run of %1 from its last frame.</source>
        <translation>Continuando la ejecución del %1 desde su último fotograma.</translation>
    </message>
    <message>
        <source>the init image %1 is not there (moved or deleted?)</source>
        <translation>la imagen inicial %1 no se encuentra (¿se movió o se eliminó?)</translation>
    </message>
    <message>
        <source>the image prompt %1 is not there (moved or deleted?)</source>
        <translation>el prompt de imagen %1 no se encuentra (¿se movió o se eliminó?)</translation>
    </message>
    <message>
        <source>the init image %1 can&apos;t be used: %2</source>
        <translation>la imagen inicial %1 no se puede usar: %2</translation>
    </message>
    <message>
        <source>the image prompt %1 can&apos;t be used: %2</source>
        <translation>el prompt de imagen %1 no se puede usar: %2</translation>
    </message>
    <message>
        <source>Reading class names</source>
        <translation>Leyendo los nombres de las clases</translation>
    </message>
    <message>
        <source>Waits for this run to finish or be stopped</source>
        <translation>Espera a que esta ejecución termine o se detenga</translation>
    </message>
    <message>
        <source>No run to go on from yet</source>
        <translation>Todavía no hay ninguna ejecución desde la que continuar</translation>
    </message>
    <message>
        <source>A GAN makes images of one size: only CLIP + VQGAN and the drawers can go on at twice the size</source>
        <translation>Una GAN crea imágenes de un solo tamaño: solo CLIP + VQGAN y los modos de dibujo pueden continuar al doble de tamaño</translation>
    </message>
    <message>
        <source>Only a finished or stopped run can go on at twice its size</source>
        <translation>Solo una ejecución terminada o detenida puede continuar al doble de su tamaño</translation>
    </message>
    <message>
        <source>The last run kept no latent to go on from</source>
        <translation>La última ejecución no guardó ningún latente desde el que continuar</translation>
    </message>
    <message>
        <source>Twice %1 × %1 is more than the largest size here (%2 × %2)</source>
        <translation>El doble de %1 × %1 supera el tamaño máximo disponible aquí (%2 × %2)</translation>
    </message>
    <message>
        <source>Going on at %1 × %1 from the last frame of the run at %2 × %2.</source>
        <translation>Continuando a %1 × %1 desde el último fotograma de la ejecución a %2 × %2.</translation>
    </message>
    <message>
        <source>That run kept no latent to go on from: its settings are restored.</source>
        <translation>Esa ejecución no guardó ningún latente desde el que continuar: se han restaurado sus ajustes.</translation>
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
        <translation>Prompts separados por |, cada uno con un :peso opcional (un peso negativo aleja)</translation>
    </message>
    <message>
        <source>Prompts:</source>
        <translation>Prompts:</translation>
    </message>
    <message>
        <source>There are no frames yet: press Run.</source>
        <translation>Todavía no hay fotogramas: pulse «Ejecutar».</translation>
    </message>
    <message>
        <source>Saved %1 frames in %2</source>
        <translation>%1 fotogramas guardados en %2</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
    <message>
        <source>Folder for the frames</source>
        <translation>Carpeta para los fotogramas</translation>
    </message>
</context>
<context>
    <name>atelier::HeatStrip</name>
    <message>
        <source>dimension %1: %2</source>
        <translation>dimensión %1: %2</translation>
    </message>
</context>
<context>
    <name>atelier::HistoryDialog</name>
    <message>
        <source>Favourites only</source>
        <translation>Solo favoritos</translation>
    </message>
    <message>
        <source>No runs yet: every run of the CLIP + VQGAN tab is kept here.</source>
        <translation>Aún no hay ejecuciones: aquí se guarda cada ejecución de la pestaña CLIP + VQGAN.</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
    <message>
        <source>&amp;Restore Settings</source>
        <translation>&amp;Restaurar ajustes</translation>
    </message>
    <message>
        <source>&amp;Continue from Last Frame</source>
        <translation>&amp;Continuar desde el último fotograma</translation>
    </message>
    <message>
        <source>Co&amp;mpare…</source>
        <translation>Co&amp;mparar…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Eliminar</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Search the prompts</source>
        <translation>Buscar en los prompts</translation>
    </message>
    <message>
        <source>The tab takes this run&apos;s settings, with the prompts it started with</source>
        <translation>La pestaña toma los ajustes de esta ejecución, con los prompts con los que empezó</translation>
    </message>
    <message>
        <source>A new run that starts from this run&apos;s last frame, with the prompts it ended with</source>
        <translation>Una nueva ejecución que parte del último fotograma de esta, con los prompts con los que terminó</translation>
    </message>
    <message>
        <source>Select two runs (Ctrl+click) to see them side by side or wipe between them</source>
        <translation>Seleccione dos ejecuciones (Ctrl+clic) para verlas lado a lado o pasar de una a otra con una cortinilla</translation>
    </message>
    <message>
        <source>Two runs selected: Compare shows them side by side.</source>
        <translation>Dos ejecuciones seleccionadas: «Comparar» las muestra lado a lado.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Prompts:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Prompts:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;after step %1: %2</source>
        <translation>&lt;br&gt;tras el paso %1: %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Date:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Fecha:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Generator:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Generador:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Seed:&lt;/b&gt; %1 · &lt;b&gt;Size:&lt;/b&gt; %2 · &lt;b&gt;Steps:&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;Semilla:&lt;/b&gt; %1 · &lt;b&gt;Tamaño:&lt;/b&gt; %2 · &lt;b&gt;Pasos:&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cutouts:&lt;/b&gt; %1 · &lt;b&gt;Learning rate:&lt;/b&gt; %2 · &lt;b&gt;Optimiser:&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;Recortes:&lt;/b&gt; %1 · &lt;b&gt;Tasa de aprendizaje:&lt;/b&gt; %2 · &lt;b&gt;Optimizador:&lt;/b&gt; %3</translation>
    </message>
    <message>
        <source>Continued from %1</source>
        <translation>Continuación de %1</translation>
    </message>
    <message>
        <source>A run from before run records: the prompts are those of its last frame.</source>
        <translation>Una ejecución anterior a los registros de ejecución: los prompts son los de su último fotograma.</translation>
    </message>
    <message>
        <source>This CLIP + GAN run kept no latent: only its settings can be restored</source>
        <translation>Esta ejecución CLIP + GAN no guardó ningún latente: solo se pueden restaurar sus ajustes</translation>
    </message>
    <message>
        <source>%1 holds no run to mark.</source>
        <translation>%1 no contiene ninguna ejecución que marcar.</translation>
    </message>
    <message>
        <source>That run is going on: stop it before deleting it.</source>
        <translation>Esa ejecución está en curso: deténgala antes de eliminarla.</translation>
    </message>
    <message>
        <source>Delete Run</source>
        <translation>Eliminar ejecución</translation>
    </message>
    <message>
        <source>This desktop has no trash to move it to. Delete the run of %1 for good?</source>
        <translation>Este escritorio no tiene papelera a la que moverla. ¿Eliminar definitivamente la ejecución del %1?</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>No se pudo eliminar %1.</translation>
    </message>
    <message>
        <source>Moved to the trash: %1</source>
        <translation>Movida a la papelera: %1</translation>
    </message>
    <message>
        <source>Deleted: %1</source>
        <translation>Eliminada: %1</translation>
    </message>
</context>
<context>
    <name>atelier::ImageCard</name>
    <message>
        <source>Remove this image</source>
        <translation>Quitar esta imagen</translation>
    </message>
    <message>
        <source>This image&apos;s embedding</source>
        <translation>Embedding de esta imagen</translation>
    </message>
    <message>
        <source>cosine similarity: –</source>
        <translation>similitud coseno: –</translation>
    </message>
    <message>
        <source>cosine similarity: %1</source>
        <translation>similitud coseno: %1</translation>
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
        <translation>generada a partir de los datos de entrenamiento del mini-CLIP</translation>
    </message>
    <message>
        <source>Move left</source>
        <translation>Mover a la izquierda</translation>
    </message>
    <message>
        <source>Move right</source>
        <translation>Mover a la derecha</translation>
    </message>
</context>
<context>
    <name>atelier::ImageGuard</name>
    <message>
        <source>the file can&apos;t be read</source>
        <translation>el archivo no se puede leer</translation>
    </message>
    <message>
        <source>the file is cut short</source>
        <translation>el archivo está cortado</translation>
    </message>
    <message>
        <source>a damaged PNG file (a chunk of %1 bytes in a file of %2)</source>
        <translation>un archivo PNG dañado (un bloque de %1 bytes en un archivo de %2)</translation>
    </message>
    <message>
        <source>it claims %1 x %2 pixels</source>
        <translation>declara %1 x %2 píxeles</translation>
    </message>
    <message>
        <source>it is %1 x %2 pixels, more than the limit of %3 megapixels (%4 pixels a side)</source>
        <translation>tiene %1 x %2 píxeles, más que el límite de %3 megapíxeles (%4 píxeles por lado)</translation>
    </message>
    <message>
        <source>it is %1 x %2 pixels, longer than %3 times its width or height</source>
        <translation>tiene %1 x %2 píxeles, más de %3 veces su ancho o su alto</translation>
    </message>
</context>
<context>
    <name>atelier::ImageInputs</name>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (no encontrado)</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.webp *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Add Image Prompts</source>
        <translation>Añadir prompts de imagen</translation>
    </message>
    <message>
        <source>Choose Init Image</source>
        <translation>Elegir imagen inicial</translation>
    </message>
    <message>
        <source>Image prompts:</source>
        <translation>Prompts de imagen:</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Añadir…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Init image:</source>
        <translation>Imagen inicial:</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Init weight:</source>
        <translation>Peso de la imagen inicial:</translation>
    </message>
    <message>
        <source>Images whose CLIP embeddings are targets too, each with weight 1 (CLIP + VQGAN and CLIP + GAN)</source>
        <translation>Imágenes cuyos embeddings de CLIP también son objetivos, cada una con peso 1 (CLIP + VQGAN y CLIP + GAN)</translation>
    </message>
    <message>
        <source>Add image files as image prompts</source>
        <translation>Añadir archivos de imagen como prompts de imagen</translation>
    </message>
    <message>
        <source>Remove the selected image prompts (Delete)</source>
        <translation>Quitar los prompts de imagen seleccionados (Supr)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Only CLIP + VQGAN starts from an init image: a GAN&apos;s latent can&apos;t be made from a picture. Image prompts work with both generators.</source>
        <translation>Solo CLIP + VQGAN parte de una imagen inicial: el latente de una GAN no se puede obtener a partir de una imagen. Los prompts de imagen funcionan con ambos generadores.</translation>
    </message>
    <message>
        <source>CLIP + VQGAN starts from this image&apos;s codes instead of random ones</source>
        <translation>CLIP + VQGAN parte de los códigos de esta imagen en lugar de unos aleatorios</translation>
    </message>
    <message>
        <source>Choose the image CLIP + VQGAN starts from</source>
        <translation>Elegir la imagen de la que parte CLIP + VQGAN</translation>
    </message>
    <message>
        <source>Start from random codes again</source>
        <translation>Volver a partir de códigos aleatorios</translation>
    </message>
    <message>
        <source>Pulls the image towards the init image; 0 = only start from it</source>
        <translation>Atrae la imagen hacia la imagen inicial; 0 = solo partir de ella</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Inicio:</translation>
    </message>
    <message>
        <source>Random codes</source>
        <translation>Códigos aleatorios</translation>
    </message>
    <message>
        <source>Random pixels</source>
        <translation>Píxeles aleatorios</translation>
    </message>
    <message>
        <source>Colour gradient</source>
        <translation>Degradado de color</translation>
    </message>
    <message>
        <source>Soft colour patches</source>
        <translation>Manchas de color suaves</translation>
    </message>
    <message>
        <source>Only CLIP + VQGAN has a start to choose</source>
        <translation>Solo CLIP + VQGAN tiene un inicio que elegir</translation>
    </message>
    <message>
        <source>What CLIP + VQGAN starts from without an init image: a random code in every cell, or the codes of random pixels, of a random colour gradient or of soft colour patches</source>
        <translation>Desde dónde empieza CLIP + VQGAN sin imagen inicial: un código aleatorio en cada celda, o los códigos de píxeles aleatorios, de un degradado de color aleatorio o de manchas de color suaves</translation>
    </message>
    <message>
        <source>The init image is the start; clear it to start from noise</source>
        <translation>La imagen inicial es el inicio; quítela para empezar desde ruido</translation>
    </message>
</context>
<context>
    <name>atelier::LibraryController</name>
    <message>
        <source>Loading CLIP…</source>
        <translation>Cargando CLIP…</translation>
    </message>
    <message>
        <source>Stopped: what was indexed is kept; Index goes on from there.</source>
        <translation>Detenido: lo indexado se conserva; «Indexar» continúa desde ahí.</translation>
    </message>
    <message>
        <source>%1 images: %2 encoded, %3 reused, %4 unchanged, %5 removed, %6 unreadable.</source>
        <translation>%1 imágenes: %2 codificadas, %3 reutilizadas, %4 sin cambios, %5 eliminadas, %6 ilegibles.</translation>
    </message>
    <message>
        <source>%1 images/s.</source>
        <translation>%1 imágenes/s.</translation>
    </message>
    <message>
        <source>Stopped before the first batch.</source>
        <translation>Detenido antes del primer lote.</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>Indexando</translation>
    </message>
    <message>
        <source>No CLIP is loaded yet.</source>
        <translation>Todavía no hay ningún CLIP cargado.</translation>
    </message>
    <message>
        <source>Add a folder of images first.</source>
        <translation>Añada primero una carpeta de imágenes.</translation>
    </message>
    <message>
        <source>Nothing is indexed with %1 yet: add a folder and press Index.</source>
        <translation>Todavía no hay nada indexado con %1: añada una carpeta y pulse «Indexar».</translation>
    </message>
    <message>
        <source>Reading the library</source>
        <translation>Leyendo la biblioteca</translation>
    </message>
    <message>
        <source>Searching the library</source>
        <translation>Buscando en la biblioteca</translation>
    </message>
    <message>
        <source>Finding duplicates</source>
        <translation>Buscando duplicados</translation>
    </message>
    <message>
        <source>Mapping the library</source>
        <translation>Creando el mapa de la biblioteca</translation>
    </message>
    <message>
        <source>Write at least one label, one per line.</source>
        <translation>Escriba al menos una etiqueta, una por línea.</translation>
    </message>
    <message>
        <source>Labelling the library</source>
        <translation>Etiquetando la biblioteca</translation>
    </message>
</context>
<context>
    <name>atelier::LibraryPanel</name>
    <message>
        <source>Add a Folder to the Library</source>
        <translation>Añadir una carpeta a la biblioteca</translation>
    </message>
    <message>
        <source>Unreadable Files</source>
        <translation>Archivos ilegibles</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were left out of the library.</source>
        <translation>
            <numerusform>%n archivo no se pudo leer y se dejó fuera de la biblioteca.</numerusform>
            <numerusform>%n archivos no se pudieron leer y se dejaron fuera de la biblioteca.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>Añadir carpeta…</translation>
    </message>
    <message>
        <source>Add a folder of images to the library; its subfolders are included</source>
        <translation>Añadir a la biblioteca una carpeta de imágenes; se incluyen sus subcarpetas</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Take the selected folders off the list (the files stay where they are)</source>
        <translation>Quitar de la lista las carpetas seleccionadas (los archivos se quedan donde están)</translation>
    </message>
    <message>
        <source>The folders whose images are indexed</source>
        <translation>Las carpetas cuyas imágenes se indexan</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Indexar</translation>
    </message>
    <message>
        <source>Compute the CLIP embeddings of the new and changed images in the folders</source>
        <translation>Calcular los embeddings de CLIP de las imágenes nuevas y modificadas de las carpetas</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop indexing: what is done is kept, and the next run goes on from there</source>
        <translation>Detener la indexación: lo hecho se conserva y la próxima ejecución continúa desde ahí</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Go on indexing</source>
        <translation>Seguir indexando</translation>
    </message>
    <message>
        <source>Pause indexing after the batch in progress</source>
        <translation>Pausar la indexación tras el lote en curso</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Looking for images…</source>
        <translation>Buscando imágenes…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1 done</source>
        <translation>%1 procesadas</translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 imágenes/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>faltan %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) indexed with %1</source>
        <translation>
            <numerusform>%Ln imagen indexada con %1</numerusform>
            <numerusform>%Ln imágenes indexadas con %1</numerusform>
        </translation>
    </message>
    <message>
        <source>database %1</source>
        <translation>base de datos %1</translation>
    </message>
    <message>
        <source>No images indexed yet: add a folder with Add Folder…, then press Index.</source>
        <translation>Todavía no hay imágenes indexadas: añada una carpeta con «Añadir carpeta…» y luego pulse «Indexar».</translation>
    </message>
    <message numerus="yes">
        <source>%Ln unreadable</source>
        <translation>
            <numerusform>%Ln ilegible</numerusform>
            <numerusform>%Ln ilegibles</numerusform>
        </translation>
    </message>
    <message>
        <source>The files that could not be read, and why</source>
        <translation>Los archivos que no se pudieron leer y el motivo</translation>
    </message>
    <message>
        <source>No CLIP model is loaded.</source>
        <translation>No hay ningún modelo CLIP cargado.</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>ilegible</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Mostrar en la carpeta</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>Copiar ruta</translation>
    </message>
    <message>
        <source>Find Similar</source>
        <translation>Buscar similares</translation>
    </message>
    <message>
        <source>Send to CLIP Tab</source>
        <translation>Enviar a la pestaña CLIP</translation>
    </message>
    <message>
        <source>Use as Image Prompt</source>
        <translation>Usar como prompt de imagen</translation>
    </message>
    <message>
        <source>Use as Init Image</source>
        <translation>Usar como imagen inicial</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>cosine %1 · score %2 · %3% of the softmax</source>
        <translation>coseno %1 · puntuación %2 · %3&#xa0;% del softmax</translation>
    </message>
    <message>
        <source>cosine with the group&apos;s first image %1</source>
        <translation>coseno con la primera imagen del grupo %1</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Find Images Similar To</source>
        <translation>Buscar imágenes similares a</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Imágenes (%1)</translation>
    </message>
    <message>
        <source>a dog on a beach | people:-0.5</source>
        <translation>a dog on a beach | people:-0.5</translation>
    </message>
    <message>
        <source>What to look for. Separate terms with |, give a term a weight after a colon; a negative weight means less of it</source>
        <translation>Qué buscar. Separe los términos con | y dé a un término un peso tras dos puntos; un peso negativo significa menos de él</translation>
    </message>
    <message>
        <source>Find Similar…</source>
        <translation>Buscar similares…</translation>
    </message>
    <message>
        <source>Rank the library by similarity to an image (or drop an image on this page)</source>
        <translation>Ordenar la biblioteca por similitud con una imagen (o arrastrar una imagen a esta página)</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>Umbral:</translation>
    </message>
    <message>
        <source>The cosine similarity with the query below which images are hidden</source>
        <translation>La similitud coseno con la consulta por debajo de la cual se ocultan las imágenes</translation>
    </message>
    <message>
        <source>%1 · %2%</source>
        <translation>%1 · %2&#xa0;%</translation>
    </message>
    <message>
        <source>Type a query and press Search, or drop an image on this page.</source>
        <translation>Escriba una consulta y pulse «Buscar», o arrastre una imagen a esta página.</translation>
    </message>
    <message>
        <source>%1 of %2 above %3 · the first %4 shown</source>
        <translation>%1 de %2 por encima de %3 · se muestran las %4 primeras</translation>
    </message>
    <message>
        <source>%1 of %2 above %3</source>
        <translation>%1 de %2 por encima de %3</translation>
    </message>
    <message>
        <source>Cosine at least:</source>
        <translation>Coseno mínimo:</translation>
    </message>
    <message>
        <source>Images whose embeddings are at least this similar count as duplicates</source>
        <translation>Las imágenes cuyos embeddings son al menos así de similares cuentan como duplicados</translation>
    </message>
    <message>
        <source>Find Duplicates</source>
        <translation>Buscar duplicados</translation>
    </message>
    <message>
        <source>Groups of near-identical images, the biggest group first. Nothing is deleted: open the files or show them in their folder to decide what to keep.</source>
        <translation>Grupos de imágenes casi idénticas, el grupo más grande primero. No se borra nada: abra los archivos o muéstrelos en su carpeta para decidir qué conservar.</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Coseno</translation>
    </message>
    <message numerus="yes">
        <source>Group %1 · %Ln image(s)</source>
        <translation>
            <numerusform>Grupo %1 · %Ln imagen</numerusform>
            <numerusform>Grupo %1 · %Ln imágenes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (largest)</source>
        <translation>%1 (la más grande)</translation>
    </message>
    <message>
        <source>No duplicates at this threshold.</source>
        <translation>No hay duplicados con este umbral.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s), %1 images</source>
        <translation>
            <numerusform>%Ln grupo, %1 imágenes</numerusform>
            <numerusform>%Ln grupos, %1 imágenes</numerusform>
        </translation>
    </message>
    <message>
        <source>Clusters:</source>
        <translation>Clústeres:</translation>
    </message>
    <message>
        <source>Lay the images out in 2-D by their embeddings, group them in clusters named by the labels of the Labels page, and show the Search page&apos;s query as a star</source>
        <translation>Disponer las imágenes en 2-D según sus embeddings, agruparlas en clústeres con los nombres de las etiquetas de la página «Etiquetas» y mostrar la consulta de la página «Buscar» como una estrella</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>Lazo</translation>
    </message>
    <message>
        <source>Drag around points to select them; Shift adds to the selection</source>
        <translation>Arrastrar alrededor de los puntos para seleccionarlos; Mayús añade a la selección</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Rectángulo</translation>
    </message>
    <message>
        <source>Drag a rectangle to select the points in it; Shift adds to the selection</source>
        <translation>Arrastrar un rectángulo para seleccionar los puntos que contiene; Mayús añade a la selección</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Desplazar</translation>
    </message>
    <message>
        <source>Drag to move the view; the wheel zooms</source>
        <translation>Arrastrar para mover la vista; la rueda hace zoom</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Show all the points</source>
        <translation>Mostrar todos los puntos</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>Miniaturas</translation>
    </message>
    <message>
        <source>%1 selected · the first %2 shown</source>
        <translation>%1 seleccionadas · se muestran las %2 primeras</translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln seleccionada</numerusform>
            <numerusform>%Ln seleccionadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Press Map to lay out the indexed images by their embeddings.</source>
        <translation>Pulse «Mapa» para disponer las imágenes indexadas según sus embeddings.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) in %1 clusters. Lasso or box points to list them here; the wheel zooms.</source>
        <translation>
            <numerusform>%Ln imagen en %1 clústeres. Seleccione puntos con el lazo o el rectángulo para listarlos aquí; la rueda hace zoom.</numerusform>
            <numerusform>%Ln imágenes en %1 clústeres. Seleccione puntos con el lazo o el rectángulo para listarlos aquí; la rueda hace zoom.</numerusform>
        </translation>
    </message>
    <message>
        <source>Give at least one label, one per line.</source>
        <translation>Introduzca al menos una etiqueta, una por línea.</translation>
    </message>
    <message>
        <source>One label per line, e.g.
a cat
a dog
a beach</source>
        <translation>Una etiqueta por línea, p. ej.
a cat
a dog
a beach</translation>
    </message>
    <message>
        <source>Label Folder</source>
        <translation>Etiquetar carpeta</translation>
    </message>
    <message>
        <source>Give every indexed image its most likely label of the list</source>
        <translation>Dar a cada imagen indexada su etiqueta más probable de la lista</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probabilidad</translation>
    </message>
    <message>
        <source>Give labels and press Label Folder: each image gets its most likely label.</source>
        <translation>Introduzca etiquetas y pulse «Etiquetar carpeta»: cada imagen recibe su etiqueta más probable.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) labelled</source>
        <translation>
            <numerusform>%Ln imagen etiquetada</numerusform>
            <numerusform>%Ln imágenes etiquetadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation>Exportar etiquetas</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Labels from a list…</source>
        <translation>Etiquetas de una lista…</translation>
    </message>
</context>
<context>
    <name>atelier::LivePlot</name>
    <message>
        <source>step</source>
        <translation>paso</translation>
    </message>
</context>
<context>
    <name>atelier::MainWindow</name>
    <message>
        <source>Preferences</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>todos los núcleos (%1)</translation>
    </message>
    <message>
        <source>Automatic (CUDA when present)</source>
        <translation>Automático (CUDA si está disponible)</translation>
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
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Hilos:</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Dispositivo:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Tema:</translation>
    </message>
    <message>
        <source>Model Folders</source>
        <translation>Carpetas de modelos</translation>
    </message>
    <message>
        <source>Models are looked for in these folders, in this order. Put official checkpoints (CLIP .pt or .safetensors, VQGAN .ckpt with its .yaml) in your own folder; the environment variable %1 adds more.</source>
        <translation>Los modelos se buscan en estas carpetas, en este orden. Coloque los checkpoints oficiales (CLIP .pt o .safetensors, VQGAN .ckpt con su .yaml) en su propia carpeta; la variable de entorno %1 permite añadir más.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Existe</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Open My Models Folder</source>
        <translation>Abrir mi carpeta de modelos</translation>
    </message>
    <message>
        <source>Model files found: %1</source>
        <translation>Archivos de modelo encontrados: %1</translation>
    </message>
    <message>
        <source>About CLIP Atelier</source>
        <translation>Acerca de CLIP Atelier</translation>
    </message>
    <message>
        <source>&lt;h3&gt;CLIP Atelier %1&lt;/h3&gt;&lt;p&gt;A studio for exploring how CLIP connects text and images, and for making art with it: similarity, GANs, CLIP + VQGAN and CLIPDraw, after the article &quot;CLIP, GANs, and Art&quot;.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch %3, OpenCV %4 and QCustomPlot.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later. Help ▸ Licences lists the licences of the data and models shipped with it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CLIP Atelier %1&lt;/h3&gt;&lt;p&gt;Un estudio para explorar cómo conecta CLIP texto e imágenes, y para crear arte con él: similitud, GAN, CLIP + VQGAN y CLIPDraw, basado en el artículo «CLIP, GANs, and Art».&lt;/p&gt;&lt;p&gt;Creado con Qt %2, LibTorch %3, OpenCV %4 y QCustomPlot.&lt;/p&gt;&lt;p&gt;Distribuido bajo la Licencia Pública General de GNU, versión 3 o posterior. Ayuda ▸ Licencias muestra las licencias de los datos y modelos que se incluyen con él.&lt;/p&gt;</translation>
    </message>
    <message>
        <source># CLIP Atelier

CLIP Atelier is free software under the GNU General Public License, version 3 or later (it links QCustomPlot, GPL-3.0). It uses Qt (LGPL-3.0), LibTorch (BSD-3-Clause) and OpenCV (Apache-2.0).

</source>
        <translation># CLIP Atelier

CLIP Atelier es software libre bajo la Licencia Pública General de GNU, versión 3 o posterior (enlaza QCustomPlot, GPL-3.0). Usa Qt (LGPL-3.0), LibTorch (BSD-3-Clause) y OpenCV (Apache-2.0).

</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>Licencias</translation>
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
        <translation>No se pudo abrir %1: %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Open Images…</source>
        <translation>&amp;Abrir imágenes…</translation>
    </message>
    <message>
        <source>&amp;Export View as Image…</source>
        <translation>&amp;Exportar vista como imagen…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelos</translation>
    </message>
    <message>
        <source>Model &amp;Folders…</source>
        <translation>&amp;Carpetas de modelos…</translation>
    </message>
    <message>
        <source>&amp;Rescan Models</source>
        <translation>&amp;Volver a buscar modelos</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>Show &amp;Explanations</source>
        <translation>Mostrar &amp;explicaciones</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Pantalla completa</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About CLIP Atelier</source>
        <translation>&amp;Acerca de CLIP Atelier</translation>
    </message>
    <message>
        <source>&amp;Licences…</source>
        <translation>&amp;Licencias…</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>CUDA is not available here: computing on the CPU.</source>
        <translation>CUDA no está disponible aquí: se calcula en la CPU.</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Dispositivo: %1</translation>
    </message>
    <message>
        <source>Threads: %1</source>
        <translation>Hilos: %1</translation>
    </message>
    <message>
        <source>BLAS: %1</source>
        <translation>BLAS: %1</translation>
    </message>
    <message>
        <source>⚠ BLAS: reference (slow)</source>
        <translation>⚠ BLAS: de referencia (lento)</translation>
    </message>
    <message>
        <source>LibTorch runs on the reference BLAS, about 30 times slower than OpenBLAS. Install the package libopenblas0-openmp.</source>
        <translation>LibTorch usa el BLAS de referencia, unas 30 veces más lento que OpenBLAS. Instale el paquete libopenblas0-openmp.</translation>
    </message>
    <message>
        <source>Models: none found</source>
        <translation>Modelos: no se encontró ninguno</translation>
    </message>
    <message numerus="yes">
        <source>Models: %n file(s) found</source>
        <translation>
            <numerusform>Modelos: %n archivo encontrado</numerusform>
            <numerusform>Modelos: %n archivos encontrados</numerusform>
        </translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Paso %1 de %2</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>Paso %1</translation>
    </message>
    <message>
        <source>%1 finished in %2 s.</source>
        <translation>%1 ha finalizado en %2 s.</translation>
    </message>
    <message>
        <source>%1 stopped.</source>
        <translation>%1 se ha detenido.</translation>
    </message>
    <message>
        <source>Open Images</source>
        <translation>Abrir imágenes</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;All files (*)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Export View as Image</source>
        <translation>Exportar vista como imagen</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagen PNG (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Se ha guardado %1</translation>
    </message>
    <message>
        <source>The new language takes effect when CLIP Atelier is started again.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que se inicie CLIP Atelier.</translation>
    </message>
    <message>
        <source>Open &amp;CLIP Checkpoint…</source>
        <translation>Abrir checkpoint de &amp;CLIP…</translation>
    </message>
    <message>
        <source>CLIP: %1</source>
        <translation>CLIP: %1</translation>
    </message>
    <message>
        <source>Open CLIP Checkpoint</source>
        <translation>Abrir checkpoint de CLIP</translation>
    </message>
    <message>
        <source>CLIP checkpoints (*.pt *.pth *.bin *.safetensors);;All files (*)</source>
        <translation>Checkpoints de CLIP (*.pt *.pth *.bin *.safetensors);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Looking for generators…</source>
        <translation>Buscando generadores…</translation>
    </message>
    <message>
        <source>A run needs a CLIP model; none is installed.</source>
        <translation>Una ejecución necesita un modelo CLIP; no hay ninguno instalado.</translation>
    </message>
    <message>
        <source>There are no frames yet: press Run.</source>
        <translation>Todavía no hay fotogramas: pulse «Ejecutar».</translation>
    </message>
    <message>
        <source>Exporting %1: frame %2 of %3…</source>
        <translation>Exportando %1: fotograma %2 de %3…</translation>
    </message>
    <message>
        <source>&amp;Train a Mini-CLIP…</source>
        <translation>&amp;Entrenar un mini-CLIP…</translation>
    </message>
    <message>
        <source>%1 The CLIP in use stays: %2.</source>
        <translation>%1 Se mantiene el CLIP en uso: %2.</translation>
    </message>
    <message>
        <source>Model Folders…</source>
        <translation>Carpetas de modelos…</translation>
    </message>
    <message>
        <source>failed to load: %1</source>
        <translation>no se pudo cargar: %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>&amp;Get Models…</source>
        <translation>&amp;Obtener modelos…</translation>
    </message>
    <message>
        <source>The CLIP in use, %1, is a mini-CLIP: it knows emoji, shapes and clip art drawn small, not photographs. OpenAI&apos;s CLIP reads photographs.</source>
        <translation>El CLIP en uso, %1, es un mini-CLIP: conoce emoji, formas y clip art dibujados en pequeño, no fotografías. El CLIP de OpenAI entiende fotografías.</translation>
    </message>
    <message>
        <source>No VQGAN is installed: taming&apos;s ImageNet VQGAN paints recognisable things.</source>
        <translation>No hay ningún VQGAN instalado: el VQGAN de ImageNet de taming pinta cosas reconocibles.</translation>
    </message>
    <message>
        <source>The VQGAN in use, %1, is a mini-VQGAN: it paints emoji and shapes at 64 px. Taming&apos;s ImageNet VQGAN paints recognisable things.</source>
        <translation>El VQGAN en uso, %1, es un mini-VQGAN: pinta emoji y formas a 64 px. El VQGAN de ImageNet de taming pinta cosas reconocibles.</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
</context>
<context>
    <name>atelier::MotionBox</name>
    <message>
        <source>Motion (on)</source>
        <translation>Movimiento (activado)</translation>
    </message>
    <message>
        <source>Motion (smoothing)</source>
        <translation>Movimiento (suavizado)</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Movimiento</translation>
    </message>
    <message>
        <source>Applied after each frame, in pixels, then taken back to the generator&apos;s latent.</source>
        <translation>Se aplica tras cada fotograma, sobre los píxeles, y luego se lleva de vuelta al latente del generador.</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>Zoom:</translation>
    </message>
    <message>
        <source>Per frame: above 1 zooms in, below 1 out (1 = none). %1</source>
        <translation>Por fotograma: por encima de 1 acerca, por debajo de 1 aleja (1 = sin zoom). %1</translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation>Rotación:</translation>
    </message>
    <message>
        <source>Degrees per frame, anticlockwise; negative turns clockwise (0 = none). %1</source>
        <translation>Grados por fotograma, en sentido antihorario; un valor negativo gira en sentido horario (0 = sin rotación). %1</translation>
    </message>
    <message>
        <source>Shift right:</source>
        <translation>Desplazamiento a la derecha:</translation>
    </message>
    <message>
        <source>Pixels per frame to the right; negative to the left (at most a quarter of the image). %1</source>
        <translation>Píxeles por fotograma hacia la derecha; negativo hacia la izquierda (como máximo una cuarta parte de la imagen). %1</translation>
    </message>
    <message>
        <source>Shift down:</source>
        <translation>Desplazamiento hacia abajo:</translation>
    </message>
    <message>
        <source>Pixels per frame downwards; negative upwards (at most a quarter of the image). %1</source>
        <translation>Píxeles por fotograma hacia abajo; negativo hacia arriba (como máximo una cuarta parte de la imagen). %1</translation>
    </message>
    <message>
        <source>Frame every:</source>
        <translation>Fotograma cada:</translation>
    </message>
    <message>
        <source>A frame every this many steps; the motion follows each frame, so fewer steps per frame move faster</source>
        <translation>Un fotograma cada tantos pasos; el movimiento sigue a cada fotograma, así que con menos pasos por fotograma se avanza más rápido</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>Suavizado:</translation>
    </message>
    <message>
        <source>Frames from a moving average of the latent, against flicker: 0 = off, 0.9 = strong (the latent itself goes on unsmoothed)</source>
        <translation>Fotogramas a partir de una media móvil del latente, contra el parpadeo: 0 = desactivado, 0,9 = fuerte (el propio latente sigue sin suavizar)</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> pasos</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>Motion needs a generator that can take an image back: CLIP + VQGAN or a drawer (pixel art, FFT image), not a GAN.</source>
        <translation>El movimiento necesita un generador que pueda volver a recibir una imagen: CLIP + VQGAN o un modo de dibujo (pixel art, imagen FFT), no una GAN.</translation>
    </message>
    <message>
        <source>Zoom, rotate and shift the canvas after each frame, as the field&apos;s zoom videos do</source>
        <translation>Hacer zoom, girar y desplazar el lienzo tras cada fotograma, como hacen los vídeos de zoom habituales en este campo</translation>
    </message>
</context>
<context>
    <name>atelier::QueuePanel</name>
    <message>
        <source>(the default prompt)</source>
        <translation>(el prompt predeterminado)</translation>
    </message>
    <message>
        <source>schedule: %1</source>
        <translation>programación: %1</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>semilla %1</translation>
    </message>
    <message numerus="yes">
        <source>Queue (%n waiting, paused)</source>
        <translation>
            <numerusform>Cola (%n en espera, en pausa)</numerusform>
            <numerusform>Cola (%n en espera, en pausa)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queue (%n waiting)</source>
        <translation>
            <numerusform>Cola (%n en espera)</numerusform>
            <numerusform>Cola (%n en espera)</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs that wait their turn: each starts when the one before it ends</source>
        <translation>Ejecuciones que esperan su turno: cada una empieza cuando termina la anterior</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>En curso: %1</translation>
    </message>
    <message>
        <source>The waiting runs, the next one at the top</source>
        <translation>Las ejecuciones en espera, la siguiente arriba</translation>
    </message>
    <message>
        <source>Waiting runs</source>
        <translation>Ejecuciones en espera</translation>
    </message>
    <message>
        <source>&amp;Add to Queue</source>
        <translation>&amp;Añadir a la cola</translation>
    </message>
    <message>
        <source>A run with the tab&apos;s settings as they are now, after the waiting ones</source>
        <translation>Una ejecución con los ajustes actuales de la pestaña, tras las que esperan</translation>
    </message>
    <message>
        <source>&amp;Batch…</source>
        <translation>&amp;Lote…</translation>
    </message>
    <message>
        <source>One run per seed, times one setting&apos;s values; their final images as a labelled grid</source>
        <translation>Una ejecución por semilla, por los valores de un ajuste; sus imágenes finales como cuadrícula rotulada</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Run the selected run earlier</source>
        <translation>Ejecutar antes la ejecución seleccionada</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>Run the selected run later</source>
        <translation>Ejecutar después la ejecución seleccionada</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Cancel the selected run: it will not run (Delete)</source>
        <translation>Cancelar la ejecución seleccionada: no se ejecutará (Supr)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Vaciar</translation>
    </message>
    <message>
        <source>Cancel every waiting run (the one running goes on)</source>
        <translation>Cancelar todas las ejecuciones en espera (la que está en curso continúa)</translation>
    </message>
    <message>
        <source>Resume Queue</source>
        <translation>Reanudar la cola</translation>
    </message>
    <message>
        <source>Pause Queue</source>
        <translation>Pausar la cola</translation>
    </message>
    <message>
        <source>Start the waiting runs again, one after the other</source>
        <translation>Volver a iniciar las ejecuciones en espera, una tras otra</translation>
    </message>
    <message>
        <source>Start no further run; the one running goes on (its Stop ends it)</source>
        <translation>No iniciar más ejecuciones; la que está en curso continúa (su «Detener» la termina)</translation>
    </message>
</context>
<context>
    <name>atelier::RunController</name>
    <message>
        <source>Waiting: another tab&apos;s run goes first (its Stop ends it).</source>
        <translation>En espera: primero va la ejecución de otra pestaña (su «Detener» la termina).</translation>
    </message>
</context>
<context>
    <name>atelier::RunQueue</name>
    <message>
        <source>The queue is paused: “%1” did not finish. Resume Queue starts the next run.</source>
        <translation>La cola está en pausa: «%1» no terminó. «Reanudar la cola» inicia la siguiente ejecución.</translation>
    </message>
    <message>
        <source>No run of the batch made an image: there is no grid.</source>
        <translation>Ninguna ejecución del lote creó una imagen: no hay cuadrícula.</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenida</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>no ejecutada</translation>
    </message>
    <message>
        <source>The batch&apos;s grid could not be made: %1</source>
        <translation>No se pudo crear la cuadrícula del lote: %1</translation>
    </message>
    <message>
        <source>The batch&apos;s grid could not be saved in %1.</source>
        <translation>No se pudo guardar la cuadrícula del lote en %1.</translation>
    </message>
    <message>
        <source>The batch&apos;s grid is saved: %1</source>
        <translation>La cuadrícula del lote está guardada: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n paso</numerusform>
            <numerusform>%n pasos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cutout(s)</source>
        <translation>
            <numerusform>%n recorte</numerusform>
            <numerusform>%n recortes</numerusform>
        </translation>
    </message>
    <message>
        <source>cut power %1</source>
        <translation>exponente de recorte %1</translation>
    </message>
    <message>
        <source>learning rate %1</source>
        <translation>tasa de aprendizaje %1</translation>
    </message>
    <message>
        <source>%1 × %1 px</source>
        <translation>%1 × %1 px</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>semilla %1</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Semillas</translation>
    </message>
    <message>
        <source>The batch has no runs.</source>
        <translation>El lote no tiene ejecuciones.</translation>
    </message>
    <message>
        <source>%1 runs: at most %2 in a batch.</source>
        <translation>%1 ejecuciones: como máximo %2 en un lote.</translation>
    </message>
    <message>
        <source>A run&apos;s cell (row %1, column %2) is outside the grid of %3 × %4.</source>
        <translation>La celda de una ejecución (fila %1, columna %2) está fuera de la cuadrícula de %3 × %4.</translation>
    </message>
    <message>
        <source>Two runs share the cell in row %1, column %2.</source>
        <translation>Dos ejecuciones comparten la celda de la fila %1, columna %2.</translation>
    </message>
    <message>
        <source>A grid of %1 × %2 runs would be %3 × %4 pixels, too long and narrow for one image (at most %5:1): give fewer seeds, or sweep a setting across them.</source>
        <translation>Una cuadrícula de %1 × %2 ejecuciones mediría %3 × %4 píxeles, demasiado larga y estrecha para una imagen (como máximo %5:1): indique menos semillas, o varíe un ajuste entre ellas.</translation>
    </message>
</context>
<context>
    <name>atelier::RunView</name>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ejecutar</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>Start the run (Ctrl+Return)</source>
        <translation>Iniciar la ejecución (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Stop the run (Esc)</source>
        <translation>Detener la ejecución (Esc)</translation>
    </message>
    <message>
        <source>The image appears here and evolves as the run goes.</source>
        <translation>La imagen aparece aquí y evoluciona a lo largo de la ejecución.</translation>
    </message>
    <message>
        <source>Earlier frames: click one to inspect it</source>
        <translation>Fotogramas anteriores: haga clic en uno para examinarlo</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>paso %1 / %2</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>paso %1</translation>
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
        <translation>inactivo</translation>
    </message>
    <message>
        <source>Restart from here</source>
        <translation>Reiniciar desde aquí</translation>
    </message>
    <message>
        <source>Run again from the selected frame, exactly where it was, with the current prompts and settings</source>
        <translation>Volver a ejecutar desde el fotograma seleccionado, exactamente donde estaba, con los prompts y ajustes actuales</translation>
    </message>
    <message>
        <source>Loading the models; the first step follows</source>
        <translation>Cargando los modelos; el primer paso llega enseguida</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
</context>
<context>
    <name>atelier::SaveFile</name>
    <message>
        <source>Saved %1</source>
        <translation>Se ha guardado %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>atelier::ScheduleEditor</name>
    <message>
        <source>keyframe %1: the step must be a whole number from 0</source>
        <translation>fotograma clave %1: el paso debe ser un número entero a partir de 0</translation>
    </message>
    <message>
        <source>keyframe %1: its step must come after the one before</source>
        <translation>fotograma clave %1: su paso debe ir después del del anterior</translation>
    </message>
    <message>
        <source>keyframe %1 has no prompts</source>
        <translation>el fotograma clave %1 no tiene prompts</translation>
    </message>
    <message>
        <source>add a keyframe</source>
        <translation>añada un fotograma clave</translation>
    </message>
    <message>
        <source>the keyframe the run is at</source>
        <translation>el fotograma clave en el que está la ejecución</translation>
    </message>
    <message>
        <source>Schedule: %1</source>
        <translation>Programación: %1</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programación</translation>
    </message>
    <message>
        <source>Prompts that change over the steps. Off: the prompts above for the whole run. On: keyframes of prompts by step, their weights blended from one keyframe to the next</source>
        <translation>Prompts que cambian a lo largo de los pasos. Desactivado: los prompts de arriba para toda la ejecución. Activado: fotogramas clave de prompts por paso, con sus pesos fundidos de un fotograma clave al siguiente</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>Programación:</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>Each row a keyframe: from its step on its prompts (as in the Prompts field: text:weight | …) take over, blended in from the keyframe before. Steps in increasing order; edits reach a running run.</source>
        <translation>Cada fila, un fotograma clave: a partir de su paso toman el relevo sus prompts (como en el campo «Prompts»: texto:peso | …), fundidos desde el fotograma clave anterior. Pasos en orden creciente; los cambios llegan también a una ejecución en curso.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>A keyframe after the last one</source>
        <translation>Un fotograma clave después del último</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove the selected keyframes</source>
        <translation>Quitar los fotogramas clave seleccionados</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move the selected keyframe&apos;s prompts up (the steps stay in order)</source>
        <translation>Subir los prompts del fotograma clave seleccionado (los pasos mantienen su orden)</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>Move the selected keyframe&apos;s prompts down (the steps stay in order)</source>
        <translation>Bajar los prompts del fotograma clave seleccionado (los pasos mantienen su orden)</translation>
    </message>
</context>
<context>
    <name>atelier::Settings</name>
    <message>
        <source>The settings file %1 is not a settings file of CLIP Atelier, or can&apos;t be read: it is left as it is, and this session runs with the default settings and saves none of them.</source>
        <translation>El archivo de configuración %1 no es un archivo de configuración de CLIP Atelier o no se puede leer: se deja tal como está, y esta sesión usa la configuración predeterminada y no guarda nada de ella.</translation>
    </message>
    <message>
        <source>The setting %1 holds &apos;%2&apos;, which is not a usable value: the default is used.</source>
        <translation>El ajuste %1 contiene «%2», que no es un valor utilizable: se usa el valor predeterminado.</translation>
    </message>
    <message>
        <source>The settings ask for %1 threads; at most %2 are used on this machine (%3 per core, %4 in all).</source>
        <translation>La configuración pide %1 hilos; en esta máquina se usan como máximo %2 (%3 por núcleo, %4 en total).</translation>
    </message>
</context>
<context>
    <name>atelier::TrainPanel</name>
    <message>
        <source>How CLIP learns</source>
        <translation>Cómo aprende CLIP</translation>
    </message>
    <message>
        <source>Resume the folder&apos;s run</source>
        <translation>Continuar el entrenamiento de la carpeta</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>&amp;Use This Model</source>
        <translation>&amp;Usar este modelo</translation>
    </message>
    <message>
        <source>A folder for the run: checkpoints, metrics.csv, the model</source>
        <translation>Una carpeta para el entrenamiento: checkpoints, metrics.csv, el modelo</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Random weights (a new model)</source>
        <translation>Pesos aleatorios (un modelo nuevo)</translation>
    </message>
    <message>
        <source>The shipped mini-CLIP (fine-tune it)</source>
        <translation>El mini-CLIP incluido (ajustarlo)</translation>
    </message>
    <message>
        <source>Another model…</source>
        <translation>Otro modelo…</translation>
    </message>
    <message>
        <source>Share of each batch in groups of five shapes alike but for their position or colour</source>
        <translation>Parte de cada lote en grupos de cinco formas iguales salvo en la posición o el color</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Carpeta:</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Partir de:</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Pasos:</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>Lote:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Tasa de aprendizaje:</translation>
    </message>
    <message>
        <source>Contrast groups:</source>
        <translation>Grupos de contraste:</translation>
    </message>
    <message>
        <source>Image and caption</source>
        <translation>Imagen y descripción</translation>
    </message>
    <message>
        <source>Folder for the Run</source>
        <translation>Carpeta para el entrenamiento</translation>
    </message>
    <message>
        <source>Start from a Model</source>
        <translation>Partir de un modelo</translation>
    </message>
    <message>
        <source>Mini-CLIP models (*.safetensors);;All files (*)</source>
        <translation>Modelos mini-CLIP (*.safetensors);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Choose a folder for the run first.</source>
        <translation>Elija primero una carpeta para el entrenamiento.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 es un archivo, no una carpeta.</translation>
    </message>
    <message>
        <source>%1 already holds a run: tick Resume to go on with it, or choose another folder.</source>
        <translation>%1 ya contiene un entrenamiento: marque Continuar para seguir con él, o elija otra carpeta.</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>precisión</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3 steps/s · %4 left · loss %5 · accuracy %6%</source>
        <translation>Paso %1 de %2 · %3 pasos/s · faltan %4 · pérdida %5 · precisión %6&#xa0;%</translation>
    </message>
    <message>
        <source>image %1 with caption %2: %3</source>
        <translation>imagen %1 con la descripción %2: %3</translation>
    </message>
    <message>
        <source>This folder&apos;s run: step %1 so far (loss %2, accuracy %3%).</source>
        <translation>Entrenamiento de esta carpeta: paso %1 hasta ahora (pérdida %2, precisión %3&#xa0;%).</translation>
    </message>
    <message>
        <source>Proposes %1 steps at a learning rate of %2</source>
        <translation>Propone %1 pasos con una tasa de aprendizaje de %2</translation>
    </message>
    <message>
        <source>The steps and learning rate you set are kept; this start&apos;s recipe is %1 steps at a learning rate of %2.</source>
        <translation>Se mantienen los pasos y la tasa de aprendizaje que ha fijado; la receta de este punto de partida es de %1 pasos con una tasa de aprendizaje de %2.</translation>
    </message>
    <message>
        <source>Emoji share:</source>
        <translation>Proporción de emoji:</translation>
    </message>
    <message>
        <source>Clip art share:</source>
        <translation>Proporción de clip art:</translation>
    </message>
    <message>
        <source>Share of each batch drawn from the emoji; emoji, clip art and strokes together at most 1, the rest are shapes</source>
        <translation>Proporción de cada lote tomada de los emoji; emoji, clip art y trazos juntos como máximo 1, el resto son formas</translation>
    </message>
    <message>
        <source>Share of each batch drawn from openclipart&apos;s drawings; emoji, clip art and strokes together at most 1, the rest are shapes. Needs the Debian packages openclipart-png and openclipart-svg (packaging/install-deps.sh --training)</source>
        <translation>Proporción de cada lote tomada de los dibujos de openclipart; emoji, clip art y trazos juntos como máximo 1, el resto son formas. Necesita los paquetes de Debian openclipart-png y openclipart-svg (packaging/install-deps.sh --training)</translation>
    </message>
    <message>
        <source>Share of each batch in strokes that are no shape (scribbles, arcs), captioned as such, so that a few red curves are not &quot;a red circle&quot;; emoji, clip art and strokes together at most 1</source>
        <translation>Proporción de cada lote en trazos que no son ninguna forma (garabatos, arcos), descritos como tales, para que unas curvas rojas no sean «a red circle»; emoji, clip art y trazos juntos como máximo 1</translation>
    </message>
    <message>
        <source>Strokes share:</source>
        <translation>Proporción de trazos:</translation>
    </message>
    <message>
        <source>Emoji (%1), clip art (%2) and strokes (%3) together are more than a whole batch: lower one so that they add up to 1 at most (the rest are shapes).</source>
        <translation>Emoji (%1), clip art (%2) y trazos (%3) juntos son más que un lote entero: reduzca uno para que sumen como máximo 1 (el resto son formas).</translation>
    </message>
    <message>
        <source>off</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source> / 255</source>
        <translation> / 255</translation>
    </message>
    <message>
        <source>Adversarial training: before the model learns from an image, the image is moved by up to this many levels per pixel in the direction that fools the model most. A model that holds against that has gradients that follow edges and form, so the images it guides show more of the prompt&apos;s form. About 1.5 times slower; 4 is a good start</source>
        <translation>Entrenamiento adversario: antes de que el modelo aprenda de una imagen, la imagen se desplaza hasta este número de niveles por píxel en la dirección que más engaña al modelo. Un modelo que resiste eso tiene gradientes que siguen bordes y formas, de modo que las imágenes que guía muestran más de la forma del prompt. Unas 1,5 veces más lento; 4 es un buen comienzo</translation>
    </message>
    <message>
        <source>Adversarial step:</source>
        <translation>Paso adversario:</translation>
    </message>
    <message>
        <source>Share of each batch in part groups: a shape beside four pieces of it that are not it (a square beside &quot;a red corner&quot;, a circle beside &quot;a red arc&quot;), so that a piece of a shape is not taken for the shape; contrast groups and part groups together at most 1</source>
        <translation>Proporción de cada lote en grupos de partes: una forma junto a cuatro trozos de ella que no son ella (un cuadrado junto a &quot;a red corner&quot;, un círculo junto a &quot;a red arc&quot;), para que un trozo de una forma no se tome por la forma; grupos de contraste y grupos de partes juntos como máximo 1</translation>
    </message>
    <message>
        <source>Part groups:</source>
        <translation>Grupos de partes:</translation>
    </message>
    <message>
        <source>Contrast groups (%1) and part groups (%2) together are more than a whole batch: lower one so that they add up to 1 at most.</source>
        <translation>Los grupos de contraste (%1) y los grupos de partes (%2) juntos superan un lote entero: reduzca uno para que sumen 1 como máximo.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Each step shows CLIP a batch of images and their captions. It encodes all of them and scores every image against every caption: a square of cosine similarities. The loss asks each image to pick its own caption out of the batch&apos;s, and each caption its own image (a softmax along rows and along columns), so matching pairs are pulled together and the rest pushed apart: a &lt;b&gt;contrastive&lt;/b&gt; objective.&lt;/p&gt;&lt;p&gt;The table shows the step&apos;s first eight pairs: each row is an image with its caption, and how it shares its softmax among the eight captions. Training makes the diagonal win. &lt;i&gt;Contrast groups&lt;/i&gt; put five shapes in a batch that differ only in position, colour or shape, so those words must be read; &lt;i&gt;part groups&lt;/i&gt; put a shape beside pieces of it that are not it (&quot;a red square&quot; beside &quot;a red corner&quot;), so that a piece is not taken for the whole.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Cada paso muestra a CLIP un lote de imágenes con sus descripciones. CLIP las codifica todas y puntúa cada imagen frente a cada descripción: un cuadrado de similitudes coseno. La pérdida pide a cada imagen que elija su propia descripción entre las del lote, y a cada descripción su propia imagen (un softmax a lo largo de las filas y de las columnas), de modo que los pares que coinciden se acercan y el resto se separa: un objetivo &lt;b&gt;contrastivo&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;La tabla muestra los ocho primeros pares del paso: cada fila es una imagen con su descripción y cómo reparte su softmax entre las ocho descripciones. El entrenamiento hace ganar a la diagonal. Los &lt;i&gt;grupos de contraste&lt;/i&gt; ponen en un lote cinco formas que solo difieren en la posición, el color o la forma, así que esas palabras deben leerse; los &lt;i&gt;grupos de partes&lt;/i&gt; ponen una forma junto a trozos de ella que no son ella («a red square» junto a «a red corner»), para que un trozo no se tome por el todo.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>as the model</source>
        <translation>como el modelo</translation>
    </message>
    <message>
        <source>Starting from a model: deepen this tower to this many blocks. The new blocks start as the identity, so the run begins from exactly what the model computed and adds room for more; each block costs time (8 vision and 6 text blocks from 4 and 4: about twice a step&apos;s time)</source>
        <translation>Al partir de un modelo: profundiza esta torre hasta este número de bloques. Los bloques nuevos empiezan como la identidad, así que el entrenamiento parte exactamente de lo que calculaba el modelo y gana capacidad; cada bloque cuesta tiempo (8 bloques de imagen y 6 de texto en lugar de 4 y 4: cerca del doble por paso)</translation>
    </message>
    <message>
        <source>Deepen to (blocks):</source>
        <translation>Profundizar a (bloques):</translation>
    </message>
    <message>
        <source>&amp;Vision:</source>
        <translation>&amp;Imagen:</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xto:</translation>
    </message>
</context>
<context>
    <name>atelier::TrainWindow</name>
    <message>
        <source>Train a Mini-CLIP</source>
        <translation>Entrenar un mini-CLIP</translation>
    </message>
    <message>
        <source>Done in %1 s: %2 (its vocabulary beside it). Use This Model makes it the CLIP of the window; clip-atelier-cli eval clip --clip %2 measures it.</source>
        <translation>Terminado en %1 s: %2 (con su vocabulario al lado). «Usar este modelo» lo convierte en el CLIP de la ventana; clip-atelier-cli eval clip --clip %2 lo mide.</translation>
    </message>
    <message>
        <source>Stopped after step %1; the checkpoint is written. Start with Resume ticked goes on.</source>
        <translation>Detenido tras el paso %1; el checkpoint está escrito. «Iniciar» con «Continuar» marcado sigue.</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>El entrenamiento falló: %1</translation>
    </message>
    <message>
        <source>Training a mini-CLIP</source>
        <translation>Entrenando un mini-CLIP</translation>
    </message>
    <message>
        <source>Resuming %1…</source>
        <translation>Continuando %1…</translation>
    </message>
    <message>
        <source>Starting: a new model learns its vocabulary first…</source>
        <translation>Iniciando: un modelo nuevo aprende primero su vocabulario…</translation>
    </message>
    <message>
        <source>Starting from %1…</source>
        <translation>Iniciando desde %1…</translation>
    </message>
</context>
<context>
    <name>atelier::VqganPanel</name>
    <message>
        <source>How CLIP steers a generator</source>
        <translation>Cómo guía CLIP a un generador</translation>
    </message>
    <message>
        <source>&lt;p&gt;A generator turns a latent z into an image; CLIP says how well an image matches a text. Put them in a loop: decode z, encode the image with CLIP, and take the cosine similarity s to the prompt&apos;s embedding. Using −s as a loss and back-propagating through CLIP and the generator to z moves the image, step by step, towards the prompt.&lt;/p&gt;&lt;p&gt;It looks like training, but it happens at every generation: only z changes, both networks stay frozen. Staying in a generator&apos;s latent space (here VQGAN&apos;s grid of codebook vectors) keeps the pictures natural-looking instead of adversarial noise.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Un generador convierte un z latente en una imagen; CLIP dice hasta qué punto una imagen se corresponde con un texto. Basta con ponerlos en un bucle: decodificar z, codificar la imagen con CLIP y calcular la similitud coseno s con el embedding del prompt. Usar −s como pérdida y retropropagar a través de CLIP y del generador hasta z acerca la imagen al prompt paso a paso.&lt;/p&gt;&lt;p&gt;Parece un entrenamiento, pero ocurre en cada generación: solo cambia z y ambas redes permanecen congeladas. Mantenerse en el espacio latente de un generador (aquí, la cuadrícula de vectores del codebook de VQGAN) hace que las imágenes tengan un aspecto natural en lugar de ser ruido adversario.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>CLIP + GAN</source>
        <translation>CLIP + GAN</translation>
    </message>
    <message>
        <source>Fast preview</source>
        <translation>Vista previa rápida</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizado</translation>
    </message>
    <message>
        <source>Generator:</source>
        <translation>Generador:</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Preajuste:</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Pasos:</translation>
    </message>
    <message>
        <source>Cutouts:</source>
        <translation>Recortes:</translation>
    </message>
    <message>
        <source>Cut power:</source>
        <translation>Exponente de recorte:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Tasa de aprendizaje:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Semilla:</translation>
    </message>
    <message>
        <source>Takes effect at the next step, also while a run goes on</source>
        <translation>Se aplica en el siguiente paso, también durante una ejecución en curso</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <source>Optimiser:</source>
        <translation>Optimizador:</translation>
    </message>
    <message>
        <source>Save &amp;Frame…</source>
        <translation>Guardar &amp;fotograma…</translation>
    </message>
    <message>
        <source>The current frame as PNG, with the prompts, the seed and every setting in it</source>
        <translation>El fotograma actual como PNG, con los prompts, la semilla y todos los ajustes incluidos</translation>
    </message>
    <message>
        <source>Save Frame</source>
        <translation>Guardar fotograma</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Nothing to save yet: press Run.</source>
        <translation>Todavía no hay nada que guardar: pulse «Ejecutar».</translation>
    </message>
    <message>
        <source>&amp;Open Settings from PNG…</source>
        <translation>Abrir a&amp;justes desde PNG…</translation>
    </message>
    <message>
        <source>Restore the prompts, the seed and every setting from a frame this tab saved</source>
        <translation>Restaurar los prompts, la semilla y todos los ajustes de un fotograma guardado por esta pestaña</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Abrir ajustes</translation>
    </message>
    <message>
        <source>%1 holds no CLIP Atelier settings.</source>
        <translation>%1 no contiene ajustes de CLIP Atelier.</translation>
    </message>
    <message>
        <source>Settings restored from %1</source>
        <translation>Ajustes restaurados desde %1</translation>
    </message>
    <message>
        <source>CLIP + VQGAN</source>
        <translation>CLIP + VQGAN</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Tamaño:</translation>
    </message>
    <message>
        <source>E&amp;xport Run</source>
        <translation>E&amp;xportar ejecución</translation>
    </message>
    <message>
        <source>As Animation (GIF, MP4, WebP)…</source>
        <translation>Como animación (GIF, MP4, WebP)…</translation>
    </message>
    <message>
        <source>As PNG Frames…</source>
        <translation>Como fotogramas PNG…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historial…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Saved frames (*.png)</source>
        <translation>Fotogramas guardados (*.png)</translation>
    </message>
    <message>
        <source>VQGAN:</source>
        <translation>VQGAN:</translation>
    </message>
    <message>
        <source>none installed</source>
        <translation>ninguno instalado</translation>
    </message>
    <message>
        <source>Get Models…</source>
        <translation>Obtener modelos…</translation>
    </message>
    <message>
        <source>OpenAI&apos;s CLIP and taming&apos;s VQGANs, downloaded and verified (Models ▸ Get Models)</source>
        <translation>El CLIP de OpenAI y los VQGAN de taming, descargados y verificados (Modelos ▸ Obtener modelos)</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Equilibrado</translation>
    </message>
    <message>
        <source>Sets the steps and the cutouts; other values in them make it Custom</source>
        <translation>Fija los pasos y los recortes; otros valores en ellos lo convierten en «Personalizado»</translation>
    </message>
    <message>
        <source>Every run is kept: browse them, restore their settings, continue or compare them</source>
        <translation>Se guarda cada ejecución: explórelas, restaure sus ajustes, continúelas o compárelas</translation>
    </message>
    <message>
        <source>Any: the prompts choose</source>
        <translation>Cualquiera: deciden los prompts</translation>
    </message>
    <message>
        <source>CLIP + BigGAN-deep: the class the run starts from (its weight near 1, the others near 0). Empty: every class starts near 0 and the prompts choose (big-sleep&apos;s random start)</source>
        <translation>CLIP + BigGAN-deep: la clase con la que empieza la ejecución (su peso cerca de 1, las demás cerca de 0). Vacío: todas las clases empiezan cerca de 0 y deciden los prompts (el inicio aleatorio de big-sleep)</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Clase:</translation>
    </message>
    <message>
        <source>%1 is an image prompt now.</source>
        <translation>%1 es ahora un prompt de imagen.</translation>
    </message>
    <message>
        <source>%1 is an image prompt already.</source>
        <translation>%1 ya es un prompt de imagen.</translation>
    </message>
    <message>
        <source>No init image: CLIP + VQGAN starts from random codes.</source>
        <translation>Sin imagen inicial: CLIP + VQGAN parte de códigos aleatorios.</translation>
    </message>
    <message>
        <source>%1 is the init image now.</source>
        <translation>%1 es ahora la imagen inicial.</translation>
    </message>
    <message>
        <source>%1 is the init image now; only CLIP + VQGAN starts from it (Generator).</source>
        <translation>%1 es ahora la imagen inicial; solo CLIP + VQGAN parte de ella (Generador).</translation>
    </message>
    <message>
        <source>Settings restored from %1; these images it names are not there: %2</source>
        <translation>Ajustes restaurados desde %1; estas imágenes que menciona no se encuentran: %2</translation>
    </message>
    <message>
        <source>Pixel art</source>
        <translation>Pixel art</translation>
    </message>
    <message>
        <source>FFT image</source>
        <translation>Imagen FFT</translation>
    </message>
    <message>
        <source>CLIP + GAN steers a GAN&apos;s z; CLIP + VQGAN a VQGAN&apos;s latent grid (the shipped mini-VQGAN, or a taming checkpoint in the model folders, e.g. vqgan_imagenet_f16_16384.ckpt with its .yaml). Pixel art and FFT image need no generator, only a CLIP: a grid of coloured cells, or an image made from its spectrum</source>
        <translation>CLIP + GAN guía el z de una GAN; CLIP + VQGAN, la cuadrícula latente de un VQGAN (el mini-VQGAN incluido, o un checkpoint de taming en las carpetas de modelos, p. ej., vqgan_imagenet_f16_16384.ckpt con su .yaml). Pixel art e imagen FFT no necesitan generador, solo un CLIP: una cuadrícula de celdas de colores, o una imagen creada a partir de su espectro</translation>
    </message>
    <message>
        <source>The image size of CLIP + VQGAN and the drawers (a GAN makes its own size)</source>
        <translation>El tamaño de imagen de CLIP + VQGAN y de los modos de dibujo (una GAN crea su propio tamaño)</translation>
    </message>
    <message>
        <source>×2 Higher Resolution</source>
        <translation>×2 Mayor resolución</translation>
    </message>
    <message>
        <source>The last run again at twice its size, from its last frame&apos;s latent, with the same prompts and settings (CLIP + VQGAN and the drawers)</source>
        <translation>La última ejecución de nuevo al doble de su tamaño, a partir del latente de su último fotograma, con los mismos prompts y ajustes (CLIP + VQGAN y los modos de dibujo)</translation>
    </message>
    <message>
        <source>Continues a finished or stopped run of CLIP + VQGAN or a drawer at twice its size; there is none to continue yet</source>
        <translation>Continúa al doble de su tamaño una ejecución terminada o detenida de CLIP + VQGAN o de un modo de dibujo; todavía no hay ninguna que continuar</translation>
    </message>
</context>
<context>
    <name>atelier::ZeroShotPage</name>
    <message>
        <source>Custom</source>
        <translation>Personalizadas</translation>
    </message>
    <message>
        <source>Mini-CLIP vocabulary</source>
        <translation>Vocabulario Mini-CLIP</translation>
    </message>
    <message>
        <source>One label per line</source>
        <translation>Una etiqueta por línea</translation>
    </message>
    <message>
        <source>{} stands for the label</source>
        <translation>{} representa la etiqueta</translation>
    </message>
    <message>
        <source>Ensemble of %1 templates (CLIP&apos;s prompt engineering)</source>
        <translation>Conjunto de %1 plantillas (ingeniería de prompts de CLIP)</translation>
    </message>
    <message>
        <source>Each label&apos;s embedding is the average over the templates, as in CLIP&apos;s prompt-engineering notebook</source>
        <translation>El embedding de cada etiqueta es la media sobre las plantillas, como en el notebook de ingeniería de prompts de CLIP</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Clasificar</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Imagen:</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>Etiquetas:</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Plantilla:</translation>
    </message>
    <message>
        <source>Top k:</source>
        <translation>Top k:</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilidad</translation>
    </message>
    <message>
        <source>Choose an image and give labels, one per line.</source>
        <translation>Elija una imagen e introduzca etiquetas, una por línea.</translation>
    </message>
    <message numerus="yes">
        <source>Classifying among %n label(s)…</source>
        <translation>
            <numerusform>Clasificando con %n etiqueta…</numerusform>
            <numerusform>Clasificando con %n etiquetas…</numerusform>
        </translation>
    </message>
    <message>
        <source>Top: %1 (%2%)</source>
        <translation>Top: %1 (%2&#xa0;%)</translation>
    </message>
    <message>
        <source>Ensemble of %1 templates (%2)</source>
        <translation>Conjunto de %1 plantillas (%2)</translation>
    </message>
    <message>
        <source>Choose an image, give labels and press Classify: the top k labels appear here with their probabilities.</source>
        <translation>Elija una imagen, introduzca etiquetas y pulse «Clasificar»: las k primeras etiquetas aparecen aquí con sus probabilidades.</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationView</name>
    <message>
        <source>select a neuron of a layer to see its activation</source>
        <translation>选择某一层的神经元，查看它的激活函数</translation>
    </message>
    <message>
        <source>softmax couples its outputs: it has no curve of one z</source>
        <translation>softmax 的各输出相互耦合：它没有单个 z 的曲线</translation>
    </message>
    <message>
        <source>z is known once the forward step reaches this layer. </source>
        <translation>前向传播到达这一层后，z 才已知。</translation>
    </message>
    <message>
        <source>The neuron&apos;s δ is f&apos;(z) times what comes back to it, so where f&apos; is nearly 0 the neuron passes back almost nothing.</source>
        <translation>神经元的 δ 等于 f&apos;(z) 乘以传回给它的误差，所以在 f&apos; 接近 0 的地方，它几乎不向后传递任何东西（梯度消失）。</translation>
    </message>
</context>
<context>
    <name>AppState</name>
    <message>
        <source>the data is now scaled with the model&apos;s own mean and std</source>
        <translation>数据现在用模型自带的均值和标准差进行缩放</translation>
    </message>
</context>
<context>
    <name>BuilderPanel</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>+ Add hidden layer</source>
        <translation>+ 添加隐藏层</translation>
    </message>
    <message>
        <source>add a hidden layer after the last one (up to 8); the network is rebuilt with fresh weights (Ctrl+Z undoes it)</source>
        <translation>在最后一个隐藏层之后添加一层（最多 8 层）；网络用新权重重建（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>the output layer&apos;s activation function; auto chooses it from the task</source>
        <translation>输出层的激活函数；“自动”根据任务选择</translation>
    </message>
    <message>
        <source>the loss function; auto chooses it from the output and the task</source>
        <translation>损失函数；“自动”根据输出层和任务选择</translation>
    </message>
    <message>
        <source>how the first weights are drawn; auto: xavier for sigmoid and tanh, he for the relu family</source>
        <translation>初始权重的抽取方式；“自动”：sigmoid 和 tanh 用 Xavier，ReLU 一族用 He</translation>
    </message>
    <message>
        <source>the seed of the random weights: the same seed gives the same weights</source>
        <translation>随机权重的种子：相同的种子给出相同的权重</translation>
    </message>
    <message>
        <source>New weights</source>
        <translation>新权重</translation>
    </message>
    <message>
        <source>draw fresh weights with the next seed (R resets with this seed)</source>
        <translation>用下一个种子重新抽取权重（R 用当前种子重置）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Init</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <source>Rows are the true class, columns the predicted one; click a cell to see its test images.</source>
        <translation>行是真实类别，列是预测类别；点击一个格子查看其中的测试图像。</translation>
    </message>
    <message>
        <source>Test set: rows true class, columns predicted.</source>
        <translation>测试集：行为真实类别，列为预测类别。</translation>
    </message>
    <message>
        <source>Test set, {acc} right: rows true class, columns predicted.</source>
        <translation>测试集，准确率 {acc}：行为真实类别，列为预测类别。</translation>
    </message>
    <message>
        <source>true {true}, predicted {pred}: {n} test images ({share} of the {true} images)</source>
        <translation>真实 {true}，预测 {pred}：{n} 张测试图像（占 {true} 图像的 {share}）</translation>
    </message>
    <message>
        <source>True {true}, predicted {pred}: one test image.</source>
        <translation>真实 {true}，预测 {pred}：1 张测试图像。</translation>
    </message>
    <message>
        <source>True {true}, predicted {pred}: {n} test images{more}.</source>
        <translation>真实 {true}，预测 {pred}：{n} 张测试图像{more}。</translation>
    </message>
    <message>
        <source>, the first {k} shown</source>
        <translation>，显示前 {k} 张</translation>
    </message>
</context>
<context>
    <name>DataDialog</name>
    <message>
        <source>Data files (*.csv *.tsv *.txt *.dat *.npy *.npz);;All files (*)</source>
        <translation>数据文件 (*.csv *.tsv *.txt *.dat *.npy *.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open data: {name}</source>
        <translation>打开数据：{name}</translation>
    </message>
    <message>
        <source>the column to predict; the others become the features</source>
        <translation>要预测的列；其余列作为特征</translation>
    </message>
    <message>
        <source>auto: text, yes/no and few whole-number targets are classes, anything else is regression</source>
        <translation>auto：文本、是/否和取值很少的整数目标视为类别，其余视为回归</translation>
    </message>
    <message>
        <source>Standardise the features (mean 0, std 1, from the training part)</source>
        <translation>标准化特征（均值 0、标准差 1，由训练部分计算）</translation>
    </message>
    <message>
        <source>scale every feature to mean 0 and standard deviation 1 with the training part&apos;s statistics (a saved model carries them)</source>
        <translation>用训练集的统计量把每个特征缩放为均值 0、标准差 1（保存的模型会带上它们）</translation>
    </message>
    <message>
        <source>the share of rows held out as the test set (stratified by class, seeded)</source>
        <translation>留作测试集的行所占比例（按类别分层，固定种子）</translation>
    </message>
    <message>
        <source>rows x cols, e.g. 28x28, if each sample is a picture</source>
        <translation>行 x 列，例如 28x28（若每个样本是一张图片）</translation>
    </message>
    <message>
        <source>draw each sample as a picture of this shape (filled in for 64 and 784 features)</source>
        <translation>把每个样本画成这个形状的图片（64 和 784 个特征时自动填写）</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Test fraction</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>Image shape</source>
        <translation>图片形状</translation>
    </message>
    <message>
        <source>text table</source>
        <translation>文本表格</translation>
    </message>
    <message>
        <source>NumPy array (.npy)</source>
        <translation>NumPy 数组 (.npy)</translation>
    </message>
    <message>
        <source>NumPy arrays (.npz)</source>
        <translation>NumPy 数组 (.npz)</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>delimiter {delimiter}</source>
        <translation>分隔符：{delimiter}</translation>
    </message>
    <message>
        <source>header row</source>
        <translation>有表头行</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>无表头行</translation>
    </message>
    <message>
        <source>decimal comma</source>
        <translation>小数逗号</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>The target is the array y.</source>
        <translation>目标是数组 y。</translation>
    </message>
    <message>
        <source>Guessed from its name: &apos;{column}&apos;. Choose another column above if that is wrong.</source>
        <translation>根据列名猜测：&apos;{column}&apos;。如果不对，请在上面选择另一列。</translation>
    </message>
    <message>
        <source>Guessed: &apos;{column}&apos;, the only text column. Choose another column above if that is wrong.</source>
        <translation>猜测：&apos;{column}&apos;，唯一的文本列。如果不对，请在上面选择另一列。</translation>
    </message>
    <message>
        <source>Guessed: &apos;{column}&apos;, the last column. Choose another column above if that is wrong.</source>
        <translation>猜测：&apos;{column}&apos;，最后一列。如果不对，请在上面选择另一列。</translation>
    </message>
    <message>
        <source>Image shape: {error}</source>
        <translation>图片形状：{error}</translation>
    </message>
    <message>
        <source>{text} is not rows x cols, e.g. 28x28</source>
        <translation>{text} 不是“行 x 列”的形式，例如 28x28</translation>
    </message>
    <message>
        <source>{rows}x{cols} = {pixels} pixels, but each sample has {features} features</source>
        <translation>{rows}x{cols} = {pixels} 个像素，但每个样本有 {features} 个特征</translation>
    </message>
    <message>
        <source>{summary}.</source>
        <translation>{summary}。</translation>
    </message>
    <message>
        <source>Each sample is drawn as a {rows}x{cols} picture.</source>
        <translation>每个样本画成一张 {rows}x{cols} 的图片。</translation>
    </message>
    <message>
        <source>, … ({n} classes)</source>
        <translation>，…（共 {n} 类）</translation>
    </message>
    <message>
        <source>Classes: {classes}.</source>
        <translation>类别：{classes}。</translation>
    </message>
    <message>
        <source>Target {names} from {low} to {high}.</source>
        <translation>目标 {names} 从 {low} 到 {high}。</translation>
    </message>
</context>
<context>
    <name>DataPlot</name>
    <message>
        <source>filled: training set, ring: test set</source>
        <extracomment>regression targets: low to high (perceptually uniform, readable by the colour-blind)</extracomment>
        <translation>实心：训练集，空心圈：测试集</translation>
    </message>
    <message>
        <source>training set</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>dashed rings: the samples stepped with it (batch normalization)</source>
        <translation>虚线圈：与它一起步进的样本（批量归一化）</translation>
    </message>
    <message>
        <source>{rings}; red line: the network</source>
        <translation>{rings}；红线：网络的输出</translation>
    </message>
    <message>
        <source>colour: {target}</source>
        <translation>颜色：{target}</translation>
    </message>
    <message>
        <source>Discretise</source>
        <translation>离散显示</translation>
    </message>
    <message>
        <source>show the decided class instead of the network&apos;s confidence</source>
        <translation>显示判定的类别，而不是网络的置信度</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>{data}: the sample being stepped</source>
        <translation>{data}：正在逐步计算的样本</translation>
    </message>
    <message>
        <source>{data}: test image {index} ({label}), being stepped</source>
        <translation>{data}：正在逐步计算的测试集图像 {index}（{label}）</translation>
    </message>
    <message>
        <source>{data}: training image {index} ({label}), being stepped</source>
        <translation>{data}：正在逐步计算的训练集图像 {index}（{label}）</translation>
    </message>
    <message>
        <source>with the next training image (batch normalization)</source>
        <translation>与下一张训练图像一起（批量归一化）</translation>
    </message>
    <message>
        <source>with the next {n} training images (batch normalization)</source>
        <translation>与接下来的 {n} 张训练图像一起（批量归一化）</translation>
    </message>
    <message>
        <source>{data}: {y} against {x}</source>
        <translation>{data}：{y} 对 {x}</translation>
    </message>
    <message>
        <source>{data}: first two principal components of {n} features</source>
        <translation>{data}：{n} 个特征的前两个主成分</translation>
    </message>
</context>
<context>
    <name>DatasetPicker</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>standard deviation of the Gaussian noise added to a generated set (applied on Enter or when you leave the field)</source>
        <translation>加到生成数据集上的高斯噪声的标准差（按 Enter 或离开输入框时生效）</translation>
    </message>
    <message>
        <source>number of points of a generated set, train and test together (applied on Enter or when you leave the field)</source>
        <translation>生成数据集的点数，训练集和测试集合计（按 Enter 或离开输入框时生效）</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>open a CSV, TSV, .npy or .npz file (Ctrl+O), or type builtin:NAME in the file dialog</source>
        <translation>打开 CSV、TSV、.npy 或 .npz 文件（Ctrl+O），或在文件对话框中输入 builtin:名称</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>files and data sets opened before</source>
        <translation>以前打开过的文件和数据集</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>columnMode</source>
        <translation>列模式</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>antialias</source>
        <translation>抗锯齿</translation>
    </message>
    <message>
        <source>background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>invertValue</source>
        <translation>反转数值</translation>
    </message>
    <message>
        <source>Print Document</source>
        <translation>打印文档</translation>
    </message>
    <message>
        <source>scaling stroke</source>
        <translation>缩放线宽</translation>
    </message>
    <message>
        <source>Scalable Vector Graphics</source>
        <translation>可缩放矢量图形 (SVG)</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>&amp;PyTorch script…</source>
        <translation>&amp;PyTorch 脚本…</translation>
    </message>
    <message>
        <source>Export PyTorch script</source>
        <translation>导出 PyTorch 脚本</translation>
    </message>
    <message>
        <source>The script trains this network from its current weights, with this data, optimiser, batch size and seed, for how many epochs?</source>
        <translation>脚本从当前权重出发，用同样的数据、优化器、批量大小和随机种子训练这个网络。训练多少轮（epoch）？</translation>
    </message>
    <message>
        <source>the backpropviz window</source>
        <translation>backpropviz 窗口</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>&amp;Network picture</source>
        <translation>网络图(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Loss plot</source>
        <translation>损失图(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Accuracy plot</source>
        <translation>准确率图(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Gradient plot</source>
        <translation>梯度图(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Data plot</source>
        <translation>数据图(&amp;D)</translation>
    </message>
    <message>
        <source>This sample&apos;s &amp;trace (JSON)…</source>
        <translation>本样本的计算记录(&amp;T)（JSON）…</translation>
    </message>
    <message>
        <source>&amp;Worked example (Markdown)…</source>
        <translation>手算示例(&amp;W)（Markdown）…</translation>
    </message>
    <message>
        <source>Worked example in {language} (Markdown)…</source>
        <translation>{language}手算示例（Markdown）…</translation>
    </message>
    <message>
        <source>Training &amp;history (CSV)…</source>
        <translation>训练历史(&amp;H)（CSV）…</translation>
    </message>
    <message>
        <source>&amp;Window as PNG…</source>
        <translation>窗口存为 PNG(&amp;I)…</translation>
    </message>
    <message>
        <source>{picture} as PNG…</source>
        <translation>{picture}存为 PNG…</translation>
    </message>
    <message>
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <source>the kernels are still being prepared</source>
        <translation>计算内核仍在准备中</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>导出计算记录</translation>
    </message>
    <message>
        <source>Backpropagation, worked: sample {index} of {data}</source>
        <translation>反向传播手算示例：{data} 的样本 {index}</translation>
    </message>
    <message>
        <source>Export worked example</source>
        <translation>导出手算示例</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>there is no training history yet: train first</source>
        <translation>还没有训练历史：请先训练</translation>
    </message>
    <message>
        <source>Export training history</source>
        <translation>导出训练历史</translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <source>Export picture</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>cannot write the picture</source>
        <translation>无法写入图片</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;Recent files</source>
        <translation>最近的文件(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Built-in data</source>
        <translation>内置数据(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Open data…</source>
        <translation>打开数据(&amp;O)…</translation>
    </message>
    <message>
        <source>Open data &amp;folder (IDX images)…</source>
        <translation>打开数据文件夹（IDX 图像）(&amp;F)…</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Save model</source>
        <translation>保存模型(&amp;S)</translation>
    </message>
    <message>
        <source>Save model &amp;as…</source>
        <translation>模型另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>backpropviz models (*.json);;All files (*)</source>
        <translation>backpropviz 模型 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open data (or type builtin:NAME)</source>
        <translation>打开数据（或输入 builtin:名称）</translation>
    </message>
    <message>
        <source>File or builtin:NAME</source>
        <translation>文件或 builtin:名称</translation>
    </message>
    <message>
        <source>Open a folder of IDX images</source>
        <translation>打开一个 IDX 图像文件夹</translation>
    </message>
    <message>
        <source>Cannot use this data</source>
        <translation>无法使用这些数据</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}：{problem}</translation>
    </message>
    <message>
        <source>Loaded {what}</source>
        <translation>已载入 {what}</translation>
    </message>
    <message>
        <source>Cannot open the data set</source>
        <translation>无法打开数据集</translation>
    </message>
    <message>
        <source>Cannot open data</source>
        <translation>无法打开数据</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>The model does not fit the data</source>
        <translation>模型与数据不匹配</translation>
    </message>
    <message>
        <source>{why}.</source>
        <translation>{why}。</translation>
    </message>
    <message>
        <source>Keep the model&apos;s hidden layers with fresh weights for this data?</source>
        <translation>保留模型的隐藏层，并为这些数据重新生成权重吗？</translation>
    </message>
    <message>
        <source>Cannot use the model</source>
        <translation>无法使用模型</translation>
    </message>
    <message>
        <source>Using the model&apos;s architecture with fresh weights</source>
        <translation>使用模型的结构和新生成的权重</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <source>Cannot open the example</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
</context>
<context>
    <name>FollowRange</name>
    <message>
        <source>drag to pan, wheel to zoom; double-click to follow the training again</source>
        <translation>拖动平移，滚轮缩放；双击重新跟随训练</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>PyQtGraph</source>
        <translation>PyQtGraph</translation>
    </message>
    <message>
        <source>Link Axis:</source>
        <translation>关联坐标轴：</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Links this axis with another view. When linked, both views will display the same data range.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;把这个坐标轴与另一个视图关联。关联后，两个视图显示相同的数据范围。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Percent of data to be visible when auto-scaling. It may be useful to decrease this value for data with spiky noise.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;自动缩放时可见的数据百分比。数据有尖峰噪声时，减小这个值可能有用。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Automatically resize this axis whenever the displayed data is changed.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;显示的数据改变时，自动调整这个坐标轴的范围。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Set the range for this axis manually. This disables automatic scaling. &lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;手动设置这个坐标轴的范围。这会关闭自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Minimum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;这个坐标轴显示的最小值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Maximum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;这个坐标轴显示的最大值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Inverts the display of this axis. (+y points downward instead of upward)&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;反转这个坐标轴的显示方向（+y 朝下而不是朝上）。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Invert Axis</source>
        <translation>反转坐标轴</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Enables mouse interaction (panning, scaling) for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;允许用鼠标操作（平移、缩放）这个坐标轴。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Mouse Enabled</source>
        <translation>启用鼠标</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will only auto-scale to data that is visible along the orthogonal axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;勾选后，这个坐标轴只按另一坐标轴方向上可见的数据自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Visible Data Only</source>
        <translation>仅可见数据</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will automatically pan to center on the current data, but the scale along this axis will not change.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;勾选后，这个坐标轴会自动平移使当前数据居中，但不改变这个方向的缩放比例。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Auto Pan Only</source>
        <translation>仅自动平移</translation>
    </message>
    <message>
        <source>Display averages of the curves displayed in this plot. The parameter list allows you to choose parameters to average over (if any are available).</source>
        <translation>显示本图中各条曲线的平均值。可在参数列表中选择按哪些参数求平均（如果有）。</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Plot only the portion of each curve that is visible. This assumes X values are uniformly spaced.</source>
        <translation>只绘制每条曲线的可见部分。这假设 X 值是等间距的。</translation>
    </message>
    <message>
        <source>Clip to View</source>
        <translation>裁剪到视图</translation>
    </message>
    <message>
        <source>If multiple curves are displayed in this plot, check this box to limit the number of traces that are displayed.</source>
        <translation>如果本图显示多条曲线，勾选此项可以限制显示的曲线条数。</translation>
    </message>
    <message>
        <source>Max Traces:</source>
        <translation>最多曲线数：</translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation>降采样</translation>
    </message>
    <message>
        <source>Downsample by drawing a saw wave that follows the min and max of the original data. This method produces the best visual representation of the data but is slower.</source>
        <translation>画出一条沿原始数据最小值和最大值往返的锯齿线来降采样。这种方法最能如实显示数据，但较慢。</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <source>If multiple curves are displayed in this plot, check &quot;Max Traces&quot; and set this value to limit the number of traces that are displayed.</source>
        <translation>如果本图显示多条曲线，勾选“最多曲线数”并设置这个值，可以限制显示的曲线条数。</translation>
    </message>
    <message>
        <source>If MaxTraces is checked, remove curves from memory after they are hidden (saves memory, but traces can not be un-hidden).</source>
        <translation>如果勾选了“最多曲线数”，曲线隐藏后就从内存中删除（节省内存，但曲线不能再显示）。</translation>
    </message>
    <message>
        <source>Forget hidden traces</source>
        <translation>丢弃隐藏的曲线</translation>
    </message>
    <message>
        <source>Downsample by taking the mean of N samples.</source>
        <translation>取 N 个样本的均值来降采样。</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Downsample by taking the first of N samples. This method is fastest and least accurate.</source>
        <translation>取 N 个样本中的第一个来降采样。这种方法最快，但最不准确。</translation>
    </message>
    <message>
        <source>Subsample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Automatically downsample data based on the visible range. This assumes X values are uniformly spaced.</source>
        <translation>按可见范围自动降采样。这假设 X 值是等间距的。</translation>
    </message>
    <message>
        <source>Downsample data before plotting. (plot every Nth sample)</source>
        <translation>绘图前先降采样（每 N 个样本画一个）。</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>Log X</source>
        <translation>对数 X</translation>
    </message>
    <message>
        <source>dy/dx</source>
        <translation>dy/dx</translation>
    </message>
    <message>
        <source>Y vs. Y&apos;</source>
        <translation>Y 对 Y&apos;</translation>
    </message>
    <message>
        <source>Power Spectrum (FFT)</source>
        <translation>功率谱 (FFT)</translation>
    </message>
    <message>
        <source>Log Y</source>
        <translation>对数 Y</translation>
    </message>
    <message>
        <source>Subtract Mean</source>
        <translation>减去均值</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <source>Show X Grid</source>
        <translation>显示 X 网格</translation>
    </message>
    <message>
        <source>Show Y Grid</source>
        <translation>显示 Y 网格</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Item to export:</source>
        <translation>要导出的项：</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export options</source>
        <translation>导出选项</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>GradientPanel</name>
    <message>
        <source>Slope</source>
        <translation>斜率</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>f(z)</source>
        <translation>f(z)</translation>
    </message>
    <message>
        <source>the loss along the selected weight: its slope is the gradient</source>
        <translation>损失函数沿所选权重的变化：它的斜率就是梯度</translation>
    </message>
    <message>
        <source>the loss over two weights, and the optimiser&apos;s path on it</source>
        <translation>损失函数在两个权重上的曲面，以及优化器在其上的路径</translation>
    </message>
    <message>
        <source>the selected neuron&apos;s computation, value and gradient of each step</source>
        <translation>所选神经元的计算过程：每一步的值和梯度</translation>
    </message>
    <message>
        <source>the selected neuron&apos;s activation and its slope</source>
        <translation>所选神经元的激活函数及其斜率</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Guide</source>
        <translation>指南</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Reading the network&lt;/h2&gt;&lt;p&gt;&lt;b&gt;Fill&lt;/b&gt; of a neuron: its activation &lt;i&gt;a&lt;/i&gt;, orange for positive, blue for negative, white near 0; the stronger the colour, the larger the value. Grey dashed neurons are not computed yet in this phase.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Ring&lt;/b&gt; around a neuron: its error signal δ = ∂L/∂z, with the same colours, once the backward pass has reached it.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Lines&lt;/b&gt;: one per weight. Orange is a positive weight, blue a negative one; the line width grows with the size of the weight. The highlighted column is the layer the current phase computes.&lt;/p&gt;&lt;p&gt;Hover a neuron for z, a, δ and b, a line for w and ∂L/∂w. Click a neuron to write out its arithmetic in the inspector.&lt;/p&gt;&lt;h2&gt;Stepping one sample&lt;/h2&gt;&lt;p&gt;→ (Next) and ← (Back) walk one sample through the phases: input, forward through each layer, the loss, backward through each layer, then the update of every weight. ← undoes exactly, the update included. Choose the sample in the Step panel, with Random (Ctrl+R), or by clicking a point in the data plot.&lt;/p&gt;&lt;h2&gt;Reading the inspector&lt;/h2&gt;&lt;p&gt;Each line is written as a person would by hand: the formula, the same formula with the numbers of this sample filled in, and the result, e.g. &lt;tt&gt;z = w1·x1 + w2·x2 + b = 0.15×0.05 + 0.2×0.1 + 0.35 = 0.3775&lt;/tt&gt;. Every number can be checked with a pencil; where six digits would not give the result, more are written.&lt;/p&gt;&lt;h2&gt;Training&lt;/h2&gt;&lt;p&gt;Space trains until paused, S takes one minibatch, E finishes the epoch, R draws fresh weights. The plots show the loss, the accuracy and each layer&apos;s gradient norm; the data plot shows the decision boundary. Train biases off keeps every bias fixed. Ctrl+Z undoes a reset, new weights, a change of data or of the network.&lt;/p&gt;&lt;h2&gt;Data&lt;/h2&gt;&lt;p&gt;Click a thumbnail in the Data panel for a built-in set, or Open file… for a CSV, TSV or NumPy file (File › Open data, Ctrl+O). File › Examples opens ready lessons with a note on what to look for. F1 lists every key.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;看懂网络图&lt;/h2&gt;&lt;p&gt;神经元的&lt;b&gt;填充色&lt;/b&gt;：它的激活值 &lt;i&gt;a&lt;/i&gt;，橙色为正，蓝色为负，接近 0 时为白色；颜色越深，数值越大。灰色虚线的神经元在当前阶段还没有算出来。&lt;/p&gt;&lt;p&gt;神经元周围的&lt;b&gt;圆环&lt;/b&gt;：它的误差信号 δ = ∂L/∂z，颜色含义相同，反向传播到达它之后才显示。&lt;/p&gt;&lt;p&gt;&lt;b&gt;连线&lt;/b&gt;：每条线是一个权重。橙色为正权重，蓝色为负权重；线越宽，权重的绝对值越大。高亮的一列是当前阶段正在计算的层。&lt;/p&gt;&lt;p&gt;把鼠标停在神经元上可看到 z、a、δ 和 b，停在连线上可看到 w 和 ∂L/∂w。点击神经元，检查器会写出它的算式。&lt;/p&gt;&lt;h2&gt;单样本逐步计算&lt;/h2&gt;&lt;p&gt;→（前进）和 ←（后退）让一个样本依次经过各个阶段：输入、逐层前向传播、损失函数、逐层反向传播，最后更新每个权重。← 会精确撤销，包括更新。在“单样本逐步计算”面板中选择样本，或用“随机”（Ctrl+R），或在数据图中点击一个点。&lt;/p&gt;&lt;h2&gt;看懂检查器&lt;/h2&gt;&lt;p&gt;每一行都像手算那样写出：公式、代入这个样本数值后的同一公式，以及结果，例如 &lt;tt&gt;z = w1·x1 + w2·x2 + b = 0.15×0.05 + 0.2×0.1 + 0.35 = 0.3775&lt;/tt&gt;。每个数都可以用笔验算；如果六位有效数字算不出这个结果，就会写出更多位。&lt;/p&gt;&lt;h2&gt;训练&lt;/h2&gt;&lt;p&gt;空格键一直训练直到暂停，S 走一个小批量，E 完成当前一轮，R 重新抽取权重。图中显示损失函数、准确率和各层的梯度范数；数据图显示决策边界。关闭“训练偏置”后，所有偏置保持不变。Ctrl+Z 可以撤销重置、新权重、更换数据或网络结构。&lt;/p&gt;&lt;h2&gt;数据&lt;/h2&gt;&lt;p&gt;在“数据”面板中点击缩略图即可载入内置数据集，或用“打开文件…”打开 CSV、TSV 或 NumPy 文件（文件 › 打开数据，Ctrl+O）。文件 › 示例 会打开现成的课程，并附有观察要点。F1 列出所有快捷键。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ImageViews</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>the sample being stepped, as a picture</source>
        <translation>正在逐步计算的样本，显示为图像</translation>
    </message>
    <message>
        <source>each first-layer neuron&apos;s incoming weights as a picture</source>
        <translation>第一层每个神经元的输入权重，画成图像</translation>
    </message>
    <message>
        <source>the test set&apos;s confusion matrix</source>
        <translation>测试集的混淆矩阵</translation>
    </message>
    <message>
        <source>test images the network gets wrong; click one to step it</source>
        <translation>网络分错的测试图像；点击一张逐步计算它</translation>
    </message>
</context>
<context>
    <name>ImagesDialog</name>
    <message>
        <source>Open images: {name}</source>
        <translation>打开图像：{name}</translation>
    </message>
    <message>
        <source>Test fraction</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {n} images of {rows}x{cols} pixels in IDX files ({files}).</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;：IDX 文件中的 {n} 张 {rows}x{cols} 像素图像（{files}）。</translation>
    </message>
    <message>
        <source>Classes: {counts}.</source>
        <translation>类别：{counts}。</translation>
    </message>
    <message>
        <source>The files bring their own split: {train} training and {test} test images.</source>
        <translation>这些文件自带划分：{train} 张训练集图像和 {test} 张测试集图像。</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Input</source>
        <extracomment>the sections&apos; headings (English keys of ``sections``; shown translated)</extracomment>
        <translation>输入</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Click a neuron to see its arithmetic.</source>
        <translation>点击一个神经元，查看它的计算过程。</translation>
    </message>
    <message>
        <source>Input {n}</source>
        <translation>输入 {n}</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Hidden layer {n}</source>
        <translation>隐藏层 {n}</translation>
    </message>
    <message>
        <source>{layer}, neuron {n}</source>
        <translation>{layer}，神经元 {n}</translation>
    </message>
    <message>
        <source>Preparing the kernels…</source>
        <translation>正在准备计算内核…</translation>
    </message>
    <message>
        <source>Not reached yet: press → (Right) to step forward.</source>
        <translation>还没算到这里：按 →（右方向键）向前走一步。</translation>
    </message>
    <message>
        <source>compare with the finite-difference slope of this sample&apos;s loss</source>
        <translation>与这个样本的损失函数的有限差分斜率比较</translation>
    </message>
    <message>
        <source>check</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>finite differences</source>
        <translation>有限差分</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>相对误差</translation>
    </message>
</context>
<context>
    <name>LandscapeView</name>
    <message>
        <source>Pin as x axis</source>
        <translation>固定为 x 轴</translation>
    </message>
    <message>
        <source>keep the selected parameter on the x axis; then select another (click a connection) for the y axis</source>
        <translation>把所选参数固定在 x 轴上；再选择另一个参数（点击一条连接）作为 y 轴</translation>
    </message>
    <message>
        <source>Race the optimisers</source>
        <translation>优化器比赛</translation>
    </message>
    <message>
        <source>sgd, momentum and adam train only these two parameters from the same start; their paths are drawn side by side</source>
        <translation>SGD、动量法和 Adam 从同一起点只训练这两个参数；并排画出它们的路径</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>draw the landscape again around the current weights</source>
        <translation>围绕当前权重重新绘制损失曲面</translation>
    </message>
    <message>
        <source>training loss (log10, colour) over two parameters, the rest fixed</source>
        <translation>训练集损失（log10，颜色）随两个参数的变化，其余参数固定</translation>
    </message>
    <message>
        <source>after 150 steps at the same learning rate:</source>
        <translation>以相同学习率训练 150 步后：</translation>
    </message>
</context>
<context>
    <name>LayerRow</name>
    <message>
        <source>Hidden {n}</source>
        <translation>隐藏层 {n}</translation>
    </message>
    <message>
        <source>neurons in this hidden layer</source>
        <translation>本隐藏层的神经元个数</translation>
    </message>
    <message>
        <source>remove this layer</source>
        <translation>删除这一层</translation>
    </message>
    <message>
        <source>the activation function of this layer&apos;s neurons</source>
        <translation>这一层神经元的激活函数</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>no skip: this layer has {n_in} inputs and {n_out} neurons, and a skip adds the input to the output, so both must be as many</source>
        <translation>不能加残差连接：本层有 {n_in} 个输入和 {n_out} 个神经元，残差连接把输入加到输出上，两者个数必须相等</translation>
    </message>
    <message>
        <source>residual connection: a = f(z) + the layer&apos;s input, so the gradient also flows back along the skip</source>
        <translation>残差连接：a = f(z) + 本层的输入，反向传播时梯度也沿这条捷径流回</translation>
    </message>
    <message>
        <source>BN</source>
        <translation>批归</translation>
    </message>
    <message>
        <source>batch normalization between W·a + b and the activation</source>
        <translation>批量归一化，位于 W·a + b 与激活函数之间</translation>
    </message>
</context>
<context>
    <name>LessonNote</name>
    <message>
        <source>hide this note (File &gt; Examples opens the lesson again)</source>
        <translation>隐藏这段说明（文件 &gt; 示例 可再次打开这一课）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>the loss along a weight, the landscape over two, a neuron&apos;s graph and its activation</source>
        <translation>沿一个权重的损失、两个权重上的损失曲面、神经元的计算图及其激活函数</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <source>every training run of this window: compare their curves, open their weights again</source>
        <translation>这个窗口中的每一次训练：比较它们的曲线，重新打开它们的权重</translation>
    </message>
    <message>
        <source>Compiling the kernels (first start only, about half a minute): build the network, load data and step meanwhile; training waits.</source>
        <translation>正在编译计算内核（仅首次启动，约半分钟）：这期间可以搭建网络、载入数据和单步计算；训练需等待。</translation>
    </message>
    <message>
        <source>Compiling the kernels (first start only); all but training works meanwhile.</source>
        <translation>正在编译计算内核（仅首次启动）；除训练外其余都可使用。</translation>
    </message>
    <message>
        <source>compiling: {stage}</source>
        <translation>编译中：{stage}</translation>
    </message>
    <message>
        <source>Ready ({seconds} s to prepare the kernels). Press → to step forward.</source>
        <translation>就绪（准备计算内核用时 {seconds} 秒）。按 → 向前走一步。</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>every number of the stepped sample, worked out</source>
        <translation>当前单步样本的每一个数，都写出了算式</translation>
    </message>
    <message>
        <source>Neuron maps</source>
        <translation>神经元图</translation>
    </message>
    <message>
        <source>while training 2-D data, each neuron shows its output over the input plane (hidden again when the weights change otherwise)</source>
        <translation>训练二维数据时，每个神经元显示它在输入平面上的输出（权重以其他方式改变时再次隐藏）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Next phase</source>
        <translation>下一阶段(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous phase</source>
        <translation>上一阶段(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Random sample</source>
        <translation>随机样本(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Train / pause</source>
        <translation>训练 / 暂停(&amp;T)</translation>
    </message>
    <message>
        <source>One &amp;minibatch</source>
        <translation>一个小批量(&amp;M)</translation>
    </message>
    <message>
        <source>One &amp;epoch</source>
        <translation>一轮(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Reset the weights</source>
        <translation>重置权重(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>重置缩放(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Controls</source>
        <translation>控制面板(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Inspector and data</source>
        <translation>检查器与数据(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;History plots</source>
        <translation>训练曲线(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>指南(&amp;G)</translation>
    </message>
    <message>
        <source>Undone: {what}  (Ctrl+Shift+Z redoes it)</source>
        <translation>已撤销：{what}（Ctrl+Shift+Z 重做）</translation>
    </message>
    <message>
        <source>Redone: {what}</source>
        <translation>已重做：{what}</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>撤销{what}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>重做{what}(&amp;R)</translation>
    </message>
    <message>
        <source>Zoom {percent}</source>
        <translation>缩放 {percent}</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>preparing…</source>
        <translation>准备中…</translation>
    </message>
    <message>
        <source>   test loss {loss}</source>
        <translation>   测试损失 {loss}</translation>
    </message>
    <message>
        <source>training: epoch {epoch}   step {step}   train loss {loss}</source>
        <translation>训练中：第 {epoch} 轮   第 {step} 步   训练损失 {loss}</translation>
    </message>
    <message>
        <source>   {speed} samples/s</source>
        <translation>   {speed} 样本/秒</translation>
    </message>
    <message>
        <source>   loss {loss}</source>
        <translation>   损失 {loss}</translation>
    </message>
    <message>
        <source>test sample {index}   phase: {phase}</source>
        <translation>测试集样本 {index}   阶段：{phase}</translation>
    </message>
    <message>
        <source>sample {index}   phase: {phase}</source>
        <translation>样本 {index}   阶段：{phase}</translation>
    </message>
</context>
<context>
    <name>MistakesView</name>
    <message>
        <source>&lt;b&gt;true {true}, predicted {pred}&lt;/b&gt; (test image {row}); click to step it through the network</source>
        <translation>&lt;b&gt;真实 {true}，预测 {pred}&lt;/b&gt;（测试图像 {row}）；点击让它逐步通过网络</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>show fewer</source>
        <translation>收起</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>另外 {n} 个</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>In</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>{r}×{c} pixels</source>
        <translation>{r}×{c} 像素</translation>
    </message>
    <message>
        <source>{n} features</source>
        <translation>{n} 个特征</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Hidden {c}</source>
        <translation>隐藏层 {c}</translation>
    </message>
    <message>
        <source>H{c}</source>
        <translation>隐{c}</translation>
    </message>
    <message>
        <source>click to show only the first neurons of this layer again</source>
        <translation>点击后只显示本层的前几个神经元</translation>
    </message>
    <message>
        <source>{m} more of this layer&apos;s {n} neurons, one cell each, coloured like the fills; click to show them all</source>
        <translation>本层 {n} 个神经元中的另外 {m} 个，每个一格，颜色与填充相同；点击显示全部</translation>
    </message>
    <message>
        <source>bias b of neuron {u}, layer {l}</source>
        <translation>第 {l} 层神经元 {u} 的偏置 b</translation>
    </message>
    <message>
        <source>weight w from neuron {s} to neuron {u}, layer {l}</source>
        <translation>第 {l} 层从神经元 {s} 到神经元 {u} 的权重 w</translation>
    </message>
    <message>
        <source>pause the training to edit a weight</source>
        <translation>请先暂停训练再编辑权重</translation>
    </message>
    <message>
        <source>input {n} ({name})</source>
        <translation>输入 {n}（{name}）</translation>
    </message>
    <message>
        <source>layer {layer}, neuron {n} ({activation})</source>
        <translation>第 {layer} 层，神经元 {n}（{activation}）</translation>
    </message>
    <message>
        <source>predicts {name}</source>
        <translation>预测 {name}</translation>
    </message>
    <message>
        <source>the probability of class {name}</source>
        <translation>类别 {name} 的概率</translation>
    </message>
    <message>
        <source>class {name}</source>
        <translation>类别 {name}</translation>
    </message>
    <message>
        <source>double-click to type the bias</source>
        <translation>双击输入偏置</translation>
    </message>
    <message>
        <source>weight from neuron {s} of layer {k} to neuron {d} of layer {k1}</source>
        <translation>从第 {k} 层神经元 {s} 到第 {k1} 层神经元 {d} 的权重</translation>
    </message>
    <message>
        <source>(not computed yet)</source>
        <translation>（尚未计算）</translation>
    </message>
    <message>
        <source>double-click to type the weight</source>
        <translation>双击输入权重</translation>
    </message>
    <message>
        <source>fill: activation a   ring: error δ   line: weight</source>
        <translation>填充：激活值 a   圆环：误差 δ   连线：权重</translation>
    </message>
    <message>
        <source>skip: this layer&apos;s output a = f + its input, and backward the gradient also flows back along it</source>
        <extracomment>how far a skip&apos;s arc dips below its ends</extracomment>
        <translation>残差连接：本层输出 a = f + 本层输入，反向传播时梯度也沿它流回</translation>
    </message>
    <message>
        <source>BN</source>
        <translation>批归</translation>
    </message>
    <message>
        <source>batch normalization: z is normalised over the minibatch, then scaled by γ and shifted by β before the activation</source>
        <translation>批量归一化：z 在小批量上归一化，再乘以 γ、加上 β，然后进入激活函数</translation>
    </message>
</context>
<context>
    <name>NeuronGraphView</name>
    <message>
        <source>select a neuron of a layer (click it) to see its graph</source>
        <translation>选择某一层的神经元（点击它）查看它的计算图</translation>
    </message>
    <message>
        <source>data</source>
        <translation>值</translation>
    </message>
    <message>
        <source>grad</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>the {} inputs with the largest |w·a| of {}</source>
        <translation>|w·a| 最大的 {} 个输入（共 {} 个）</translation>
    </message>
</context>
<context>
    <name>PhaseStrip</name>
    <message>
        <source>the sample enters</source>
        <translation>样本进入网络</translation>
    </message>
    <message>
        <source>compare the output with the target</source>
        <translation>将输出与目标比较</translation>
    </message>
    <message>
        <source>every weight moves against its gradient</source>
        <translation>每个权重沿梯度的反方向移动</translation>
    </message>
    <message>
        <source>forward pass through layer {layer}</source>
        <translation>第 {layer} 层的前向传播</translation>
    </message>
    <message>
        <source>backward pass through layer {layer}</source>
        <translation>第 {layer} 层的反向传播</translation>
    </message>
</context>
<context>
    <name>PlotItem</name>
    <message>
        <source>Transforms</source>
        <translation>变换</translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation>降采样</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <source>Plot Options</source>
        <translation>绘图选项</translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message>
        <source>run</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>训练集损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试集损失</translation>
    </message>
    <message>
        <source>train acc.</source>
        <translation>训练集准确率</translation>
    </message>
    <message>
        <source>test acc.</source>
        <translation>测试集准确率</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>minibatch loss</source>
        <translation>小批量损失</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试集准确率</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Open weights</source>
        <translation>打开权重</translation>
    </message>
    <message>
        <source>put the selected run&apos;s final weights in the network</source>
        <translation>把所选训练的最终权重放入网络</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>forget the selected run</source>
        <translation>删除所选训练记录</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>save the selected run (settings, curves, weights) as JSON</source>
        <translation>把所选训练（设置、曲线、权重）保存为 JSON</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>write the table of runs and their curves as two CSV files</source>
        <translation>把训练记录表和曲线写成两个 CSV 文件</translation>
    </message>
    <message>
        <source>resumed from run {0} at step {1:,}</source>
        <translation>从训练 {0} 的第 {1:,} 步继续</translation>
    </message>
    <message>
        <source>Cannot open the run&apos;s weights</source>
        <translation>无法打开这次训练的权重</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>保存训练记录</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>导出训练记录</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported {0} and its curves</source>
        <translation>已导出 {0} 及其曲线</translation>
    </message>
</context>
<context>
    <name>SlopeView</name>
    <message>
        <source> (the {n} samples stepped together)</source>
        <translation>（一起单步执行的 {n} 个样本）</translation>
    </message>
    <message>
        <source>this sample</source>
        <translation>这个样本</translation>
    </message>
    <message>
        <source>a minibatch</source>
        <translation>一个小批量</translation>
    </message>
    <message>
        <source>the training set</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>the loss over the stepped sample, over a minibatch starting at it, or over the training set</source>
        <translation>在当前单步样本、从它开始的一个小批量或整个训练集上的损失</translation>
    </message>
    <message>
        <source>loss over</source>
        <translation>损失计算于</translation>
    </message>
    <message>
        <source>loss L</source>
        <translation>损失 L</translation>
    </message>
    <message>
        <source>slope from backprop</source>
        <translation>反向传播给出的斜率</translation>
    </message>
    <message>
        <source>slope from finite differences</source>
        <translation>有限差分给出的斜率</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>good</source>
        <extracomment>the training set is subsampled to this many rows for curves and landscapes of big data the optimisers of the race, each with its colour</extracomment>
        <translation>良好</translation>
    </message>
    <message>
        <source>uncomfortable</source>
        <translation>略有偏差</translation>
    </message>
    <message>
        <source>suspicious</source>
        <translation>可疑</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>StepPanel</name>
    <message>
        <source>Step one sample</source>
        <translation>单样本逐步计算</translation>
    </message>
    <message>
        <source>batch normalization needs a batch: how many training samples step together, the selected one first and the ones after it</source>
        <translation>批量归一化需要一个批量：同时逐步计算的训练样本数，先是选中的样本，再是它后面的样本</translation>
    </message>
    <message>
        <source>index of the training sample to step through (or click a point in the data plot)</source>
        <translation>要逐步计算的训练样本序号（或在数据图中点击一个点）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>pick a random training sample</source>
        <translation>随机选一个训练样本</translation>
    </message>
    <message>
        <source>η, the learning rate of the update step</source>
        <translation>η，更新这一步的学习率</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>previous phase (Left)</source>
        <translation>上一阶段（←）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>前进 ▶</translation>
    </message>
    <message>
        <source>next phase (Right)</source>
        <translation>下一阶段（→）</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Step η</source>
        <translation>单步 η</translation>
    </message>
    <message>
        <source>BN batch</source>
        <translation>批归样本数</translation>
    </message>
    <message>
        <source>test </source>
        <translation>测试集 </translation>
    </message>
    <message>
        <source>Preparing the kernels…</source>
        <translation>正在准备计算内核…</translation>
    </message>
    <message>
        <source>The sample is at the input. Press Next (→) to compute layer 1.</source>
        <translation>样本位于输入层。按“前进”（→）计算第 1 层。</translation>
    </message>
    <message>
        <source>Forward: layer {layer} computed z = W·a + b and a = f(z).</source>
        <translation>前向传播：第 {layer} 层已算出 z = W·a + b 和 a = f(z)。</translation>
    </message>
    <message>
        <source>Loss L = {loss}. Next: the error flows back from the output.</source>
        <translation>损失 L = {loss}。下一步：误差从输出层向后传播。</translation>
    </message>
    <message>
        <source>Backward: layer {layer} has its δ and its gradients ∂L/∂W, ∂L/∂b.</source>
        <translation>反向传播：第 {layer} 层已有它的 δ 和梯度 ∂L/∂W、∂L/∂b。</translation>
    </message>
    <message>
        <source>Every weight moved by −η·∂L/∂w. Next starts a new cycle with the new weights.</source>
        <translation>每个权重移动了 −η·∂L/∂w。下一步用新权重开始新的一轮。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Timeline: drag back to see the network as it was at an earlier step of this run</source>
        <translation>时间线：向回拖动，查看网络在这次训练较早某一步时的样子</translation>
    </message>
    <message>
        <source>Resume from here</source>
        <translation>从这里继续</translation>
    </message>
    <message>
        <source>train on from this moment as a new run; the run it branches from stays in the Runs tab</source>
        <translation>从这一时刻起作为新的一次训练继续；原来的训练保留在“训练记录”标签页中</translation>
    </message>
    <message>
        <source>no steps yet</source>
        <translation>还没有训练步</translation>
    </message>
    <message>
        <source>step {0:,} of {1:,}</source>
        <translation>第 {0:,} 步，共 {1:,} 步</translation>
    </message>
</context>
<context>
    <name>TrainPanel</name>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>train until paused (Space)</source>
        <translation>一直训练直到暂停（空格）</translation>
    </message>
    <message>
        <source>1 batch</source>
        <translation>1 个批量</translation>
    </message>
    <message>
        <source>one minibatch step (S)</source>
        <translation>一个小批量的一步（S）</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 轮</translation>
    </message>
    <message>
        <source>finish the current epoch (E)</source>
        <translation>完成当前这一轮（E）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>fresh weights from the seed, fresh history (R)</source>
        <translation>由种子重新生成权重，清空历史（R）</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <source>how the weights move with their gradients: sgd, momentum or adam</source>
        <translation>权重如何随梯度移动：SGD、动量或 Adam</translation>
    </message>
    <message>
        <source>samples averaged in each training step (minibatch)</source>
        <translation>每个训练步中取平均的样本数（小批量）</translation>
    </message>
    <message>
        <source>Train biases</source>
        <translation>训练偏置</translation>
    </message>
    <message>
        <source>off: updates (a step&apos;s and training&apos;s) move only the weights; every bias, and batch normalization&apos;s γ and β, keeps its value, as in Mazur&apos;s worked example</source>
        <translation>关闭时：更新（单步的和训练的）只移动权重；每个偏置以及批量归一化的 γ 和 β 都保持不变，与 Mazur 的示例相同</translation>
    </message>
    <message>
        <source>L2 weight decay on the weights (0: off)</source>
        <translation>权重的 L2 衰减（0：关闭）</translation>
    </message>
    <message>
        <source>clip the gradient to this global norm (0: off)</source>
        <translation>把梯度裁剪到这个全局范数（0：关闭）</translation>
    </message>
    <message>
        <source>share of the data held out for testing (re-splits the data; the network is rebuilt)</source>
        <translation>留作测试集的数据比例（重新划分数据；网络随之重建）</translation>
    </message>
    <message>
        <source>the learning rate per epoch: constant, step:EPOCHS:FACTOR, exp:GAMMA or cosine:EPOCHS</source>
        <translation>每个轮次的学习率：constant（恒定）、step:轮次:因子（阶梯）、exp:γ（指数）或 cosine:轮次（余弦）</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Clip norm</source>
        <translation>裁剪范数</translation>
    </message>
    <message>
        <source>Test share</source>
        <translation>测试集比例</translation>
    </message>
    <message>
        <source>LR schedule</source>
        <translation>学习率计划</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>how fast training runs: a few steps a second (each one drawn) up to full speed</source>
        <translation>训练的快慢：从每秒几步（每一步都画出来）到全速</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{speed} steps/s</source>
        <translation>每秒 {speed} 步</translation>
    </message>
    <message>
        <source>1 step/s</source>
        <translation>每秒 1 步</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>η now {lr}</source>
        <translation>当前 η {lr}</translation>
    </message>
    <message>
        <source>{speed} samples/s</source>
        <translation>{speed} 样本/秒</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>train (minibatch)</source>
        <translation>训练集（小批量）</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>learning rate η (right axis)</source>
        <translation>学习率 η（右侧坐标轴）</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>draw the loss on a logarithmic scale</source>
        <translation>用对数刻度画损失函数</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>smoothing of the minibatch loss and gradient norms (a debiased moving average, as TensorBoard&apos;s)</source>
        <translation>对小批量损失和梯度范数做平滑（去偏的滑动平均，与 TensorBoard 相同）</translation>
    </message>
    <message>
        <source>Gradient norm |∂L/∂W|, layer</source>
        <translation>梯度范数 |∂L/∂W|，各层</translation>
    </message>
    <message>
        <source>the loss at each step: the minibatch&apos;s (thin), smoothed (thick) and the test set&apos;s</source>
        <translation>每一步的损失：小批量的（细线）、平滑后的（粗线）和测试集的</translation>
    </message>
    <message>
        <source>the share of the training and the test set classified right</source>
        <translation>训练集和测试集中分类正确的比例（准确率）</translation>
    </message>
    <message>
        <source>each layer&apos;s gradient norm |∂L/∂W| at each step: vanishing and exploding gradients show here</source>
        <translation>每一步各层的梯度范数 |∂L/∂W|：梯度消失和梯度爆炸在这里显现</translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <source>ViewBox options</source>
        <translation>视图选项</translation>
    </message>
    <message>
        <source>View All</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>axis</source>
        <translation>轴</translation>
    </message>
    <message>
        <source>Mouse Mode</source>
        <translation>鼠标模式</translation>
    </message>
    <message>
        <source>3 button</source>
        <translation>三键</translation>
    </message>
    <message>
        <source>1 button</source>
        <translation>单键</translation>
    </message>
</context>
<context>
    <name>WeightGrid</name>
    <message>
        <source>Point at a picture, or click a neuron of the first hidden layer, to see its incoming weights: orange pixels raise its z, blue ones lower it.</source>
        <translation>指向一张图，或点击第一隐藏层的一个神经元，查看它的输入权重：橙色像素使它的 z 增大，蓝色像素使它减小。</translation>
    </message>
    <message>
        <source>Neuron {unit} of layer 1: its {n} incoming weights as a picture, from {lo} (blue) to {hi} (orange).</source>
        <translation>第 1 层的神经元 {unit}：它的 {n} 个输入权重画成图像，从 {lo}（蓝）到 {hi}（橙）。</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>the kernels could not be compiled: {error}</source>
        <translation>无法编译计算内核：{error}</translation>
    </message>
</context>
<context>
    <name>builtin</name>
    <message>
        <source>2-D classification: a disc inside a ring</source>
        <extracomment>the built-ins&apos; descriptions as the window shows them (translated in the &quot;builtin&quot; context)</extracomment>
        <translation>二维分类：圆环中的圆盘</translation>
    </message>
    <message>
        <source>2-D classification: four quadrants, opposite corners alike</source>
        <translation>二维分类：四个象限，对角同类</translation>
    </message>
    <message>
        <source>2-D classification: two Gaussian blobs</source>
        <translation>二维分类：两团高斯分布的点</translation>
    </message>
    <message>
        <source>2-D classification: two interleaved spirals</source>
        <translation>二维分类：两条交错的螺旋</translation>
    </message>
    <message>
        <source>2-D classification: two interleaving half-moons</source>
        <translation>二维分类：两个交错的半月</translation>
    </message>
    <message>
        <source>regression: y = 1.5 x1 - 0.75 x2 + noise, 2 inputs</source>
        <translation>回归：y = 1.5 x1 - 0.75 x2 + 噪声，2 个输入</translation>
    </message>
    <message>
        <source>regression: y = sin(x) + noise, x in [-pi, pi], 1 input</source>
        <translation>回归：y = sin(x) + 噪声，x 属于 [-pi, pi]，1 个输入</translation>
    </message>
    <message>
        <source>iris flowers: 150 x 4 measurements in cm, 3 species</source>
        <translation>鸢尾花：150 x 4 个以厘米计的测量值，3 个品种</translation>
    </message>
    <message>
        <source>handwritten digits: 1797 8x8 images, pixels 0..16, 10 classes</source>
        <translation>手写数字：1797 张 8x8 图像，像素 0..16，10 个类别</translation>
    </message>
</context>
<context>
    <name>choices</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>uniform</source>
        <translation>均匀分布</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>mse</source>
        <translation>mse（均方误差）</translation>
    </message>
    <message>
        <source>half_sse</source>
        <translation>half_sse（½ 误差平方和）</translation>
    </message>
    <message>
        <source>bce</source>
        <translation>bce（二元交叉熵）</translation>
    </message>
    <message>
        <source>cross_entropy</source>
        <translation>cross_entropy（交叉熵）</translation>
    </message>
    <message>
        <source>xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>he</source>
        <translation>He</translation>
    </message>
    <message>
        <source>leaky_relu</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>全零</translation>
    </message>
    <message>
        <source>normal:1</source>
        <translation>正态 σ=1</translation>
    </message>
    <message>
        <source>normal:0.01</source>
        <translation>正态 σ=0.01</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
</context>
<context>
    <name>data</name>
    <message>
        <source>builtin:{name}: no built-in data set of that name; the built-ins are {known}</source>
        <extracomment>the plane that ``plane`` samples: y = PLANE_A * x1 + PLANE_B * x2 (+ noise)</extracomment>
        <translation>builtin:{name}：没有这个名字的内置数据集；内置数据集有 {known}</translation>
    </message>
    <message>
        <source>builtin:{name}: is a bundled file, so n and noise do not apply; leave them unset</source>
        <translation>builtin:{name}：这是随附的数据文件，n 和 noise 不适用；请不要设置它们</translation>
    </message>
    <message>
        <source>builtin:{name}: n must be a whole number from 4 to {max}, not {n}</source>
        <translation>builtin:{name}：n 必须是 4 到 {max} 之间的整数，而不是 {n}</translation>
    </message>
    <message>
        <source>builtin:{name}: noise must be a finite number &gt;= 0, not {noise}</source>
        <translation>builtin:{name}：noise 必须是 &gt;= 0 的有限数，而不是 {noise}</translation>
    </message>
    <message>
        <source>classification</source>
        <extracomment>task &quot;auto&quot; takes integer-valued targets with at most this many distinct values as classes; more (ages, prices, counts) are taken as a regression target. a classification target with more distinct values than this is refused (one-hot too wide) the tasks in messages&apos; words</extracomment>
        <translation>分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>{name}: which must be &apos;train&apos; or &apos;test&apos;, not {which}</source>
        <extracomment>features files with this many columns are shown as images of this shape the rows of the data as read (file order) that make the training and test parts, in their order; None where the parts were given (an IDX folder)</extracomment>
        <translation>{name}：which 必须是 &apos;train&apos; 或 &apos;test&apos;，而不是 {which}</translation>
    </message>
    <message>
        <source>{name}: the network has {outputs} outputs but the data has 1 regression target; give the network 1 output</source>
        <translation>{name}：网络有 {outputs} 个输出，但数据只有 1 个回归目标；请让网络只有 1 个输出</translation>
    </message>
    <message>
        <source>{name}: the network has {outputs} outputs but the data has {k} regression targets; give the network {k} outputs</source>
        <translation>{name}：网络有 {outputs} 个输出，但数据有 {k} 个回归目标；请让网络有 {k} 个输出</translation>
    </message>
    <message>
        <source>{name}: the network has {outputs} outputs but the data has 2 classes; give it 2 outputs (or 1 output with sigmoid)</source>
        <translation>{name}：网络有 {outputs} 个输出，但数据有 2 个类别；请给它 2 个输出（或 1 个 sigmoid 输出）</translation>
    </message>
    <message>
        <source>{name}: the network has {outputs} outputs but the data has {classes} classes; give it {classes} outputs</source>
        <translation>{name}：网络有 {outputs} 个输出，但数据有 {classes} 个类别；请给它 {classes} 个输出</translation>
    </message>
    <message>
        <source>{n} classes</source>
        <translation>{n} 个类别</translation>
    </message>
    <message>
        <source>1 target</source>
        <translation>1 个目标</translation>
    </message>
    <message>
        <source>{n} targets</source>
        <translation>{n} 个目标</translation>
    </message>
    <message>
        <source>1 feature</source>
        <translation>1 个特征</translation>
    </message>
    <message>
        <source>{n} features</source>
        <translation>{n} 个特征</translation>
    </message>
    <message>
        <source>{name}: {task}, {features}, {what}, {train} train / {test} test</source>
        <translation>{name}：{task}，{features}，{what}，训练集 {train} / 测试集 {test}</translation>
    </message>
    <message>
        <source>{file}: a generated data set has no target column to choose; leave target unset</source>
        <translation>{file}：生成的数据集没有可选的目标列；请不要设置目标列</translation>
    </message>
    <message>
        <source>{file}: is a {task} data set; leave task at &apos;auto&apos; or set it to {choice}</source>
        <translation>{file}：这是{task}数据集；请把任务保留为 &apos;auto&apos; 或设为 {choice}</translation>
    </message>
    <message>
        <source>{file}, target</source>
        <translation>{file}，目标</translation>
    </message>
    <message>
        <source>{file}: n and noise apply only to generated data sets ({names}); leave them unset</source>
        <translation>{file}：n 和 noise 只适用于生成的数据集（{names}）；请不要设置它们</translation>
    </message>
    <message>
        <source>no data set given; name a file or &apos;builtin:NAME&apos;</source>
        <translation>没有给出数据集；请指定一个文件或 &apos;builtin:NAME&apos;</translation>
    </message>
    <message>
        <source>a data set is named by a path or &apos;builtin:NAME&apos;, not {type}</source>
        <translation>数据集要用路径或 &apos;builtin:NAME&apos; 指定，而不是 {type}</translation>
    </message>
    <message>
        <source>{file}: n and noise apply only to generated built-ins; leave them unset for a file</source>
        <translation>{file}：n 和 noise 只适用于生成的内置数据集；对文件请不要设置它们</translation>
    </message>
    <message>
        <source>{file}: a labels file goes with IDX images only; a table carries its target in a column</source>
        <translation>{file}：标签文件只用于 IDX 图像；表格的目标在它的某一列中</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>task must be one of {tasks}, not {task}</source>
        <translation>任务必须是 {tasks} 之一，而不是 {task}</translation>
    </message>
    <message>
        <source>test_fraction must be a number from 0 up to (not including) 1, not {value}</source>
        <translation>test_fraction 必须是从 0 到 1（不含 1）的数，而不是 {value}</translation>
    </message>
    <message>
        <source>seed must be a whole number &gt;= 0, not {value}</source>
        <translation>种子必须是 &gt;= 0 的整数，而不是 {value}</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name}：{problem}</translation>
    </message>
    <message>
        <source>reordering {rows} rows x {features} features into training and test</source>
        <translation>把 {rows} 行 x {features} 个特征重新排列为训练集和测试集</translation>
    </message>
    <message>
        <source>converting {rows} rows x {features} features to float64</source>
        <translation>把 {rows} 行 x {features} 个特征转换为 float64</translation>
    </message>
    <message>
        <source>{file}: IDX images carry their labels in a labels file; leave the target column unset</source>
        <extracomment>rows this wide (8 bytes a feature) are reordered in place; the reordering&apos;s two row maps take 16 bytes a row bytes of rows :func:`reorder_rows_in_place` moves at a time</extracomment>
        <translation>{file}：IDX 图像的标签在单独的标签文件中；请不要设置目标列</translation>
    </message>
    <message>
        <source>{file}: IDX labels are classes; leave task at &apos;auto&apos; or &apos;classification&apos;</source>
        <translation>{file}：IDX 标签是类别；请把任务保留为 &apos;auto&apos; 或 &apos;classification&apos;</translation>
    </message>
    <message>
        <source>{file}: every label is {label}; classification needs at least two classes</source>
        <translation>{file}：所有标签都是 {label}；分类至少需要两个类别</translation>
    </message>
    <message>
        <source>{file}: has {k} target columns, which makes it regression; classification needs a single label column</source>
        <translation>{file}：有 {k} 个目标列，因此是回归；分类只需要一个标签列</translation>
    </message>
    <message>
        <source>{file}: holds text labels such as {label}; regression needs a numeric target, so use task &apos;classification&apos; or another target column</source>
        <translation>{file}：包含文本标签，例如 {label}；回归需要数值目标，请使用任务 &apos;classification&apos; 或换一个目标列</translation>
    </message>
    <message>
        <source>{file}: every row has the same class ({only}); classification needs at least two classes, so pick another target column or task &apos;regression&apos;</source>
        <translation>{file}：每一行的类别都相同（{only}）；分类至少需要两个类别，请换一个目标列或使用任务 &apos;regression&apos;</translation>
    </message>
    <message>
        <source>{file}: has {n} distinct values, too many classes (at most {max}); use task &apos;regression&apos; or another target</source>
        <translation>{file}：有 {n} 个不同的值，类别太多（最多 {max} 个）；请使用任务 &apos;regression&apos; 或换一个目标</translation>
    </message>
    <message>
        <source>{name}: X must be rows of numbers of equal length</source>
        <translation>{name}：X 必须由等长的数值行组成</translation>
    </message>
    <message>
        <source>{name}: X must have shape (samples, features) with at least one of each, not {shape}</source>
        <translation>{name}：X 的形状必须是（样本数, 特征数），且两者都至少为 1，而不是 {shape}</translation>
    </message>
    <message>
        <source>{name}: X holds a value that is not a finite number</source>
        <translation>{name}：X 中有一个值不是有限数</translation>
    </message>
    <message>
        <source>{name}: {names} feature names for {d} features</source>
        <translation>{name}：{d} 个特征却有 {names} 个特征名</translation>
    </message>
    <message>
        <source>{name}: X has {n} rows but y has a single value</source>
        <translation>{name}：X 有 {n} 行，但 y 只有一个值</translation>
    </message>
    <message>
        <source>{name}: X has {n} rows but y has {rows} rows</source>
        <translation>{name}：X 有 {n} 行，但 y 有 {rows} 行</translation>
    </message>
    <message>
        <source>{name}: regression needs numeric targets</source>
        <translation>{name}：回归需要数值目标</translation>
    </message>
    <message>
        <source>{name}: regression targets must have shape (n,) or (n, k), not {shape}</source>
        <translation>{name}：回归目标的形状必须是 (n,) 或 (n, k)，而不是 {shape}</translation>
    </message>
    <message>
        <source>{name}: y holds a value that is not a finite number</source>
        <translation>{name}：y 中有一个值不是有限数</translation>
    </message>
    <message>
        <source>{name}: {names} target names for {k} target columns</source>
        <translation>{name}：{k} 个目标列却有 {names} 个目标名</translation>
    </message>
    <message>
        <source>{name}: class_names apply to classification; leave them unset</source>
        <translation>{name}：class_names 只用于分类；请不要设置它</translation>
    </message>
    <message>
        <source>{name}: classification needs one label per row, shape (n,), not {shape}</source>
        <translation>{name}：分类需要每行一个标签，形状为 (n,)，而不是 {shape}</translation>
    </message>
    <message>
        <source>{name}: classification has one target column, so one target name, not {names}</source>
        <translation>{name}：分类只有一个目标列，所以只有一个目标名，而不是 {names} 个</translation>
    </message>
    <message>
        <source>{name}: classification needs at least two class names</source>
        <translation>{name}：分类至少需要两个类别名</translation>
    </message>
    <message>
        <source>{name}: class names must differ from each other</source>
        <translation>{name}：类别名必须互不相同</translation>
    </message>
    <message>
        <source>{name}: label {label} is not one of the class names ({names})</source>
        <translation>{name}：标签 {label} 不是类别名（{names}）之一</translation>
    </message>
    <message>
        <source>{name}: with class names, labels must be class indices or names</source>
        <translation>{name}：给出类别名时，标签必须是类别序号或类别名</translation>
    </message>
    <message>
        <source>{name}: class index {index} is outside 0 .. {last}</source>
        <translation>{name}：类别序号 {index} 超出 0 .. {last}</translation>
    </message>
    <message>
        <source>{file}, line {line}</source>
        <extracomment>the translation context of every data message (tests/ui/test_i18n.py checks the raise sites)</extracomment>
        <translation>{file}，第 {line} 行</translation>
    </message>
    <message>
        <source>{file}, {column}</source>
        <translation>{file}，{column}</translation>
    </message>
    <message>
        <source>{file}, line {line}, {column}</source>
        <translation>{file}，第 {line} 行，{column}</translation>
    </message>
    <message>
        <source>column {name}</source>
        <translation>列 {name}</translation>
    </message>
    <message>
        <source>NaN (not a number)</source>
        <extracomment>why a value cannot be used, for messages about one cell</extracomment>
        <translation>NaN（非数）</translation>
    </message>
    <message>
        <source>infinite</source>
        <translation>无穷大</translation>
    </message>
    <message>
        <source>{file}: too large to load into memory</source>
        <extracomment>messages several readers give</extracomment>
        <translation>{file}：太大，无法载入内存</translation>
    </message>
    <message>
        <source>{file}: too large to load into memory; use fewer rows</source>
        <translation>{file}：太大，无法载入内存；请减少行数</translation>
    </message>
    <message>
        <source>{file}: cannot be read ({reason})</source>
        <translation>{file}：无法读取（{reason}）</translation>
    </message>
    <message>
        <source>{file}: permission denied; make the file readable</source>
        <translation>{file}：没有权限；请让这个文件可读</translation>
    </message>
    <message>
        <source>MNIST and Fashion-MNIST come as four IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz); on Debian &apos;apt-get install dataset-fashion-mnist&apos; puts Fashion-MNIST in /usr/share/datasets/fashion-mnist</source>
        <extracomment>type byte -&gt; the dtype of the values (big-endian, as the format stores them) the four files of MNIST and Fashion-MNIST, each also found with &quot;.gz&quot; appended a file name that says IDX: &quot;...-images-idx3-ubyte&quot;, &quot;train-images.idx3-ubyte&quot;, &quot;x.idx1&quot;, ... Fashion-MNIST&apos;s labels 0..9 (Zalando&apos;s README), used when the path names Fashion-MNIST</extracomment>
        <translation>MNIST 和 Fashion-MNIST 都由四个 IDX 文件组成（train-images-idx3-ubyte.gz、train-labels-idx1-ubyte.gz、t10k-images-idx3-ubyte.gz、t10k-labels-idx1-ubyte.gz）；在 Debian 上，&apos;apt-get install dataset-fashion-mnist&apos; 会把 Fashion-MNIST 装到 /usr/share/datasets/fashion-mnist</translation>
    </message>
    <message>
        <source>{file}: is truncated ({size} bytes; an IDX file starts with a 4-byte magic number); download it again</source>
        <translation>{file}：文件不完整（{size} 字节；IDX 文件以 4 字节的魔数开头）；请重新下载</translation>
    </message>
    <message>
        <source>{file}: is not an IDX file (wrong magic number {magic}; images start with {images}, labels with {labels})</source>
        <translation>{file}：不是 IDX 文件（魔数 {magic} 不对；图像文件以 {images} 开头，标签文件以 {labels} 开头）</translation>
    </message>
    <message>
        <source>{file}: is truncated inside its header ({size} bytes, the header of {ndim} dimensions needs {header}); download it again</source>
        <translation>{file}：文件头不完整（{size} 字节，{ndim} 维的文件头需要 {header} 字节）；请重新下载</translation>
    </message>
    <message>
        <source>{file}: is truncated: its header promises {shape} values ({need} bytes) but only {have} bytes follow; download it again</source>
        <translation>{file}：文件不完整：文件头声明有 {shape} 个值（{need} 字节），但后面只有 {have} 字节；请重新下载</translation>
    </message>
    <message>
        <source>{file}: has {extra} bytes more than its header ({shape} values) describes; the file is damaged, download it again</source>
        <translation>{file}：比文件头描述的（{shape} 个值）多出 {extra} 字节；文件已损坏，请重新下载</translation>
    </message>
    <message>
        <source>{file}: holds labels (a 1-D IDX file), not images; give the images file (…-images-idx3-ubyte)</source>
        <translation>{file}：包含的是标签（一维 IDX 文件），不是图像；请给出图像文件（…-images-idx3-ubyte）</translation>
    </message>
    <message>
        <source>{file}: holds an array of shape {shape}; images must be 3-D (count, rows, cols) grey levels</source>
        <translation>{file}：包含形状为 {shape} 的数组；图像必须是三维（数量, 行, 列）的灰度值</translation>
    </message>
    <message>
        <source>{file}: holds {type} values; image files must hold unsigned bytes (grey levels 0-255)</source>
        <translation>{file}：包含 {type} 类型的值；图像文件必须是无符号字节（灰度 0-255）</translation>
    </message>
    <message>
        <source>{file}: holds no images (shape {shape})</source>
        <translation>{file}：没有图像（形状 {shape}）</translation>
    </message>
    <message>
        <source>{file}: holds images, not labels; labels are a 1-D IDX file (…-labels-idx1-ubyte)</source>
        <translation>{file}：包含的是图像，不是标签；标签是一维 IDX 文件（…-labels-idx1-ubyte）</translation>
    </message>
    <message>
        <source>{file}: holds an array of shape {shape}, not labels; labels are a 1-D IDX file (…-labels-idx1-ubyte)</source>
        <translation>{file}：包含形状为 {shape} 的数组，不是标签；标签是一维 IDX 文件（…-labels-idx1-ubyte）</translation>
    </message>
    <message>
        <source>{file}: holds {type} values; labels must be integers</source>
        <translation>{file}：包含 {type} 类型的值；标签必须是整数</translation>
    </message>
    <message>
        <source>{file}: no such file or folder; check the path</source>
        <translation>{file}：没有这个文件或文件夹；请检查路径</translation>
    </message>
    <message>
        <source>{file}: a folder brings its own labels; leave --labels unset</source>
        <translation>{file}：文件夹自带标签；请不要设置 --labels</translation>
    </message>
    <message>
        <source>{file}: holds images of {shape} pixels but {other} holds {other_shape}; they must match</source>
        <translation>{file}：图像为 {shape} 像素，但 {other} 的图像为 {other_shape}；两者必须一致</translation>
    </message>
    <message>
        <source>{file}: holds {images} images but {labels_file} holds {labels} labels; they must be of the same count</source>
        <translation>{file}：有 {images} 张图像，但 {labels_file} 有 {labels} 个标签；两者的数量必须相同</translation>
    </message>
    <message>
        <source>{file}: is a folder without the IDX files of MNIST-style data ({names}, each optionally .gz); choose a data file, or a folder holding those four files</source>
        <translation>{file}：这个文件夹里没有 MNIST 式数据的 IDX 文件（{names}，每个都可以是 .gz）；请选择一个数据文件，或包含这四个文件的文件夹</translation>
    </message>
    <message>
        <source>{file}: the folder lacks {missing} (or .gz); it needs all four of {names}</source>
        <translation>{file}：文件夹中缺少 {missing}（或 .gz）；需要全部四个文件：{names}</translation>
    </message>
    <message>
        <source>{file}: found no labels beside it (looked for {name} and .gz); put the labels file there or give --labels PATH</source>
        <translation>{file}：旁边找不到标签（找过 {name} 和 .gz）；请把标签文件放在那里，或用 --labels PATH 指定</translation>
    </message>
    <message>
        <source>{file}: its labels cannot be found by name (an images file is called …-images-idx3-ubyte); give --labels PATH</source>
        <translation>{file}：无法按文件名找到它的标签（图像文件应名为 …-images-idx3-ubyte）；请用 --labels PATH 指定</translation>
    </message>
    <message>
        <source>{file}: no such file; check the path</source>
        <translation>{file}：没有这个文件；请检查路径</translation>
    </message>
    <message>
        <source>{file}: is a folder, not an IDX file</source>
        <translation>{file}：这是文件夹，不是 IDX 文件</translation>
    </message>
    <message>
        <source>{file}: the gzip data is truncated (it ends before its end marker); download it again</source>
        <translation>{file}：gzip 数据不完整（在结束标记之前就结束了）；请重新下载</translation>
    </message>
    <message>
        <source>{file}: the gzip data is damaged ({reason}); download it again</source>
        <translation>{file}：gzip 数据已损坏（{reason}）；请重新下载</translation>
    </message>
    <message>
        <source>an Excel workbook</source>
        <extracomment>file types people try that we do not read, with the advice to give</extracomment>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>a spreadsheet</source>
        <translation>电子表格</translation>
    </message>
    <message>
        <source>a pickle</source>
        <translation>pickle 文件</translation>
    </message>
    <message>
        <source>a MATLAB file</source>
        <translation>MATLAB 文件</translation>
    </message>
    <message>
        <source>a zip archive</source>
        <translation>zip 压缩包</translation>
    </message>
    <message>
        <source>a gzip archive</source>
        <translation>gzip 压缩包</translation>
    </message>
    <message>
        <source>a bzip2 archive</source>
        <translation>bzip2 压缩包</translation>
    </message>
    <message>
        <source>an xz archive</source>
        <translation>xz 压缩包</translation>
    </message>
    <message>
        <source>a 7-Zip archive</source>
        <translation>7-Zip 压缩包</translation>
    </message>
    <message>
        <source>{file}: holds IDX images (MNIST&apos;s format), not a table; open it as a data set (--data, File &gt; Open data folder), which reads its labels too</source>
        <extracomment>the spec that reads standard input, as in most command-line tools what was read from each pipe (or &quot;-&quot;), so that reading the same spec again (the preview, then the load, then a reload with other options) sees the same data, as it would from a file the reader of each kind of file: read(f, target) -&gt; (X, y, info)</extracomment>
        <translation>{file}：包含 IDX 图像（MNIST 的格式），不是表格；请把它作为数据集打开（--data，文件 &gt; 打开数据文件夹），这样也会读取它的标签</translation>
    </message>
    <message>
        <source>{file}: {kind} cannot be read; {readable}, so export the data as CSV</source>
        <translation>{file}：无法读取{kind}；{readable}，请把数据导出为 CSV</translation>
    </message>
    <message>
        <source>{file}: no such file (for a bundled data set write &apos;builtin:{name}&apos;); check the path</source>
        <translation>{file}：没有这个文件（随附的数据集请写 &apos;builtin:{name}&apos;）；请检查路径</translation>
    </message>
    <message>
        <source>{file}: is a folder, not a file; choose a data file inside it</source>
        <translation>{file}：这是文件夹，不是文件；请选择其中的一个数据文件</translation>
    </message>
    <message>
        <source>{file}: not a usable path ({reason}); check the path</source>
        <translation>{file}：不是可用的路径（{reason}）；请检查路径</translation>
    </message>
    <message>
        <source>{file}: cannot be opened ({reason}); check the path</source>
        <translation>{file}：无法打开（{reason}）；请检查路径</translation>
    </message>
    <message>
        <source>{file}: {what} needs about {needed} of memory, but only {available} is free; use fewer rows or columns</source>
        <translation>{file}：{what}需要约 {needed} 内存，但只有 {available} 可用；请减少行数或列数</translation>
    </message>
    <message>
        <source>save it with numpy.savez(path, X=features, y=targets)</source>
        <translation>请用 numpy.savez(路径, X=特征, y=目标) 保存</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节串</translation>
    </message>
    <message>
        <source>records (a structured dtype)</source>
        <translation>记录（结构化 dtype）</translation>
    </message>
    <message>
        <source>complex numbers</source>
        <translation>复数</translation>
    </message>
    <message>
        <source>Python objects</source>
        <translation>Python 对象</translation>
    </message>
    <message>
        <source>dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>time spans</source>
        <translation>时间间隔</translation>
    </message>
    <message>
        <source>the array</source>
        <extracomment>the arrays messages name</extracomment>
        <translation>数组</translation>
    </message>
    <message>
        <source>array {name}</source>
        <translation>数组 {name}</translation>
    </message>
    <message>
        <source>array &apos;y&apos; (2-D, so regression targets)</source>
        <translation>数组 &apos;y&apos;（二维，因此是回归目标）</translation>
    </message>
    <message>
        <source>{file}: {what} is not a NumPy array (no .npy header); {advice}</source>
        <translation>{file}：{what}不是 NumPy 数组（没有 .npy 文件头）；{advice}</translation>
    </message>
    <message>
        <source>{file}: {what} holds Python objects (a pickled or object array), which are never loaded because that could run code; save plain numeric arrays</source>
        <translation>{file}：{what}包含 Python 对象（pickle 或对象数组），出于安全考虑从不载入（那样可能运行代码）；请保存普通的数值数组</translation>
    </message>
    <message>
        <source>{file}: {what} cannot be read ({reason}); save it again with numpy.save / numpy.savez</source>
        <translation>{file}：无法读取{what}（{reason}）；请用 numpy.save / numpy.savez 重新保存</translation>
    </message>
    <message>
        <source>{file}: {what} holds {kind}; it must hold plain numbers</source>
        <translation>{file}：{what}包含{kind}；它必须只包含普通数值</translation>
    </message>
    <message>
        <source>{file}, {what} row {row}</source>
        <translation>{file}，{what}第 {row} 行</translation>
    </message>
    <message>
        <source>{file}, {what} row {row}, column {column}</source>
        <translation>{file}，{what}第 {row} 行第 {column} 列</translation>
    </message>
    <message>
        <source>{file}: the value is {kind}; every value must be a finite number</source>
        <translation>{file}：这个值是{kind}；每个值都必须是有限数</translation>
    </message>
    <message>
        <source>{file}: not a NumPy .npy file (its header is missing); save it with numpy.save, or give a CSV file</source>
        <translation>{file}：不是 NumPy .npy 文件（缺少文件头）；请用 numpy.save 保存，或给出 CSV 文件</translation>
    </message>
    <message>
        <source>{file}: the array has shape {shape}; a .npy data file must be 2-D, one row per sample, with the target in the last column</source>
        <translation>{file}：数组形状为 {shape}；.npy 数据文件必须是二维的，每行一个样本，最后一列是目标</translation>
    </message>
    <message>
        <source>{file}: the array has no rows; it needs one row per sample</source>
        <translation>{file}：数组没有行；每个样本需要一行</translation>
    </message>
    <message>
        <source>{file}: the array has one column; it needs feature columns and a target column (the last)</source>
        <translation>{file}：数组只有一列；需要特征列和一个目标列（最后一列）</translation>
    </message>
    <message>
        <source>loading {rows} rows x {columns} columns</source>
        <translation>载入 {rows} 行 x {columns} 列</translation>
    </message>
    <message>
        <source>{file}: an .npz file carries its target in the array &apos;y&apos;; leave the target column unset</source>
        <translation>{file}：.npz 文件的目标在数组 &apos;y&apos; 中；请不要设置目标列</translation>
    </message>
    <message>
        <source>{file}: not a NumPy .npz archive; {advice}</source>
        <translation>{file}：不是 NumPy .npz 压缩包；{advice}</translation>
    </message>
    <message>
        <source>{file}: not a readable .npz archive ({reason}); {advice}</source>
        <translation>{file}：无法读取的 .npz 压缩包（{reason}）；{advice}</translation>
    </message>
    <message>
        <source>{file}: has no array named {name} (it holds {held}); {advice}</source>
        <translation>{file}：没有名为 {name} 的数组（其中有 {held}）；{advice}</translation>
    </message>
    <message>
        <source>{file}: has no array named {name} (it holds nothing); {advice}</source>
        <translation>{file}：没有名为 {name} 的数组（其中什么也没有）；{advice}</translation>
    </message>
    <message>
        <source>{file}: array &apos;X&apos; has shape {shape}; it must be 2-D (samples, features)</source>
        <translation>{file}：数组 &apos;X&apos; 的形状为 {shape}；它必须是二维的（样本数, 特征数）</translation>
    </message>
    <message>
        <source>{file}: array &apos;y&apos; has shape {shape}; it must be 1-D (one target per sample) or 2-D (samples, outputs)</source>
        <translation>{file}：数组 &apos;y&apos; 的形状为 {shape}；它必须是一维的（每个样本一个目标）或二维的（样本数, 输出数）</translation>
    </message>
    <message>
        <source>{file}: array &apos;X&apos; has {x_rows} rows but &apos;y&apos; has {y_rows}; they need one row per sample each</source>
        <translation>{file}：数组 &apos;X&apos; 有 {x_rows} 行，但 &apos;y&apos; 有 {y_rows} 行；两者都需要每个样本一行</translation>
    </message>
    <message>
        <source>{file}: arrays of shape {x_shape} and {y_shape} hold no data; X needs rows and feature columns</source>
        <translation>{file}：形状为 {x_shape} 和 {y_shape} 的数组没有数据；X 需要行和特征列</translation>
    </message>
    <message>
        <source>loading array &apos;X&apos; of {rows} rows x {columns} columns</source>
        <translation>载入 {rows} 行 x {columns} 列的数组 &apos;X&apos;</translation>
    </message>
    <message>
        <source>{file}: target column index {target} is out of range; the file has {n} columns (0..{last}, or -1 for the last)</source>
        <extracomment>how many rows of a file the preview (TableInfo.preview, the Open data dialog) shows</extracomment>
        <translation>{file}：目标列序号 {target} 超出范围；文件有 {n} 列（0..{last}，或用 -1 表示最后一列）</translation>
    </message>
    <message>
        <source>{file}: the file has no header row (or is a .npy array), so no column is named {name}; give the target as a 0-based column index</source>
        <translation>{file}：文件没有表头行（或是 .npy 数组），因此没有名为 {name} 的列；请用从 0 开始的列序号指定目标</translation>
    </message>
    <message>
        <source>{columns} and {last}</source>
        <translation>{columns} 和 {last}</translation>
    </message>
    <message>
        <source>{file}: columns {columns} are all named {name}, so the target is ambiguous; rename them in the header or give the target as a 0-based column index</source>
        <translation>{file}：第 {columns} 列都叫 {name}，因此目标不明确；请在表头中重命名，或用从 0 开始的列序号指定目标</translation>
    </message>
    <message>
        <source>{file}: no column named {name}; the columns are {columns} (or give a 0-based index)</source>
        <translation>{file}：没有名为 {name} 的列；列有 {columns}（或给出从 0 开始的序号）</translation>
    </message>
    <message>
        <source>{file}: target must be a column name or an index, not {type}</source>
        <translation>{file}：目标必须是列名或序号，而不是 {type}</translation>
    </message>
    <message>
        <source>reading this {size} file</source>
        <translation>读取这个 {size} 的文件</translation>
    </message>
    <message>
        <source>backpropviz reads CSV/TSV/semicolon text (UTF-8), .npy and .npz files</source>
        <translation>backpropviz 能读取 CSV/TSV/分号分隔的文本（UTF-8）、.npy 和 .npz 文件</translation>
    </message>
    <message>
        <source>loading about {rows} rows x {columns} columns</source>
        <translation>载入约 {rows} 行 x {columns} 列</translation>
    </message>
    <message>
        <source>{file}: the file has a header row but no data rows; add rows of values below the header</source>
        <translation>{file}：文件有表头行但没有数据行；请在表头下面添加数据行</translation>
    </message>
    <message>
        <source>{file}: the file has no data rows; add rows of values below the header</source>
        <translation>{file}：文件没有数据行；请在表头下面添加数据行</translation>
    </message>
    <message>
        <source>{file}: found only one column; a data file needs feature columns and a target column</source>
        <translation>{file}：只找到一列；数据文件需要特征列和一个目标列</translation>
    </message>
    <message>
        <source>{column} (#{number})</source>
        <translation>{column}（第 {number} 列）</translation>
    </message>
    <message>
        <source>column #{number}</source>
        <translation>第 {number} 列</translation>
    </message>
    <message>
        <source>{file}: the file is empty; a data file needs rows of numbers with the target in one column</source>
        <translation>{file}：文件是空的；数据文件需要数值行，其中一列是目标</translation>
    </message>
    <message>
        <source>{file}: the file is UTF-16 encoded; save it as UTF-8 (e.g. &apos;CSV UTF-8&apos; in a spreadsheet)</source>
        <translation>{file}：文件是 UTF-16 编码；请另存为 UTF-8（例如电子表格中的 &apos;CSV UTF-8&apos;）</translation>
    </message>
    <message>
        <source>{file}: contains a NUL byte, so this looks like a binary file, not text; {readable}</source>
        <translation>{file}：包含 NUL 字节，看起来是二进制文件，不是文本；{readable}</translation>
    </message>
    <message>
        <source>{file}: found only one column (looked for &apos;,&apos;, tab and &apos;;&apos; between values); a data file needs feature columns and a target column</source>
        <translation>{file}：只找到一列（查找过值之间的 &apos;,&apos;、制表符和 &apos;;&apos;）；数据文件需要特征列和一个目标列</translation>
    </message>
    <message>
        <source>{file}: byte {byte} is not UTF-8 text; save the file as UTF-8 (e.g. &apos;CSV UTF-8&apos; in a spreadsheet)</source>
        <translation>{file}：字节 {byte} 不是 UTF-8 文本；请把文件另存为 UTF-8（例如电子表格中的 &apos;CSV UTF-8&apos;）</translation>
    </message>
    <message>
        <source>{file}: the file holds no columns; a data file needs rows of values</source>
        <translation>{file}：文件中没有列；数据文件需要数据行</translation>
    </message>
    <message>
        <source>{file}: has {saw} fields but the lines above have {expected}; every row needs the same number of values (look for a stray or missing delimiter)</source>
        <translation>{file}：有 {saw} 个字段，但上面的行有 {expected} 个；每一行的值的个数必须相同（请检查多余或缺少的分隔符）</translation>
    </message>
    <message>
        <source>{file}: cannot be parsed as delimited text ({reason}); check the quotes and delimiters</source>
        <translation>{file}：无法解析为分隔文本（{reason}）；请检查引号和分隔符</translation>
    </message>
    <message>
        <source>{file}: has {saw} fields but the header names only {names} columns; name every column in the header or remove the extra values</source>
        <translation>{file}：有 {saw} 个字段，但表头只命名了 {names} 列；请在表头中为每一列命名，或删除多余的值</translation>
    </message>
    <message>
        <source>{file}: cannot be read as a table ({reason}); {readable}</source>
        <translation>{file}：无法作为表格读取（{reason}）；{readable}</translation>
    </message>
    <message>
        <source>{file}: has {values} values but the file has {columns} columns, so {column} is missing; fill in every value or remove the row</source>
        <translation>{file}：有 {values} 个值，但文件有 {columns} 列，因此缺少{column}；请填写每一个值或删除这一行</translation>
    </message>
    <message>
        <source>{file}: the cell is empty (a missing value); fill it in or remove the row</source>
        <translation>{file}：单元格是空的（缺失值）；请填写它或删除这一行</translation>
    </message>
    <message>
        <source>{file}: {value} is not a number; feature columns must be numeric (pick another target column or remove the text)</source>
        <translation>{file}：{value} 不是数值；特征列必须是数值（请换一个目标列或删除这些文本）</translation>
    </message>
    <message>
        <source>{file}: the value {value} is {kind}; every feature value must be a finite number, so fix or remove the row</source>
        <translation>{file}：值 {value} 是{kind}；每个特征值都必须是有限数，请修正或删除这一行</translation>
    </message>
    <message>
        <source>{file}: the target cell is empty; every row needs a target value, so fill it in or remove the row</source>
        <translation>{file}：目标单元格是空的；每一行都需要目标值，请填写它或删除这一行</translation>
    </message>
    <message>
        <source>{file}: the target value {value} is {kind}; every target must be a finite number or a label</source>
        <translation>{file}：目标值 {value} 是{kind}；每个目标都必须是有限数或标签</translation>
    </message>
    <message>
        <source>The classic lesson needs MNIST or Fashion-MNIST in {folder}; {how}; or open a folder of the four files with File &gt; Open data folder</source>
        <translation>经典课程需要 {folder} 中的 MNIST 或 Fashion-MNIST；{how}；也可以用 文件 &gt; 打开数据文件夹 打开包含这四个文件的文件夹</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>unknown activation {name}; choose one of {known}</source>
        <extracomment>activations that suit Glorot/Xavier initialisation; the ReLU family gets He.</extracomment>
        <translation>未知的激活函数 {name}；请从 {known} 中选择</translation>
    </message>
    <message>
        <source>learning rate must be a positive number, not {lr}</source>
        <extracomment>the translation context of every engine message (tests/ui/test_i18n.py checks the raise sites) messages given in more than one place</extracomment>
        <translation>学习率必须是正数，而不是 {lr}</translation>
    </message>
    <message>
        <source>layer {layer} does not exist; the network has {n} layers</source>
        <extracomment>relative-error bands of the verdict: (upper bound, word) the difference quotient cannot tell slopes apart below about eps·L/h times this</extracomment>
        <translation>第 {layer} 层不存在；网络共有 {n} 层</translation>
    </message>
    <message>
        <source>layer {layer} has {n} neurons, not {unit}</source>
        <translation>第 {layer} 层有 {n} 个神经元，没有第 {unit} 个</translation>
    </message>
    <message>
        <source>layer {layer} has {n} inputs, not {input}</source>
        <translation>第 {layer} 层有 {n} 个输入，没有第 {input} 个</translation>
    </message>
    <message>
        <source>there are no samples to compute the loss on</source>
        <extracomment>beyond this |z| the two exponentials of ``_loss_grid_split``&apos;s factorised tanh/sigmoid could overflow in their product (e^(2*175) * e^(2*175) &lt; e^709); such points are computed directly</extracomment>
        <translation>没有可用来计算损失的样本</translation>
    </message>
    <message>
        <source>parameter {index} does not exist; the network has {n}</source>
        <translation>参数 {index} 不存在；网络共有 {n} 个参数</translation>
    </message>
    <message>
        <source>parameter {index} does not exist</source>
        <translation>参数 {index} 不存在</translation>
    </message>
    <message>
        <source>a landscape needs two different parameters</source>
        <translation>损失地形图需要两个不同的参数</translation>
    </message>
    <message>
        <source>softmax couples its outputs; it has no curve f(z) of one variable</source>
        <translation>softmax 的各输出相互耦合；它没有单变量曲线 f(z)</translation>
    </message>
    <message>
        <source>unknown loss {name}; choose one of {known}</source>
        <extracomment>output activations each loss accepts (probabilities are needed for the log losses)</extracomment>
        <translation>未知的损失函数 {name}；请从 {known} 中选择</translation>
    </message>
    <message>
        <source>loss {loss} needs a {allowed} output layer, not {output}</source>
        <translation>损失函数 {loss} 需要 {allowed} 输出层，而不是 {output}</translation>
    </message>
    <message>
        <source>training</source>
        <extracomment>small arrays and bookkeeping beside the big ones (layouts, per-layer views, losses) Network.evaluate / forward work on at most this many rows at a time per-sample buffers beside z, a and delta in the kernels of networks with BN or skips (y, x_hat, f(y), dL/da, dL/dy: kernels.N_EXT, which a test keeps equal) what needs the memory, for :func:`require`</extracomment>
        <translation>训练</translation>
    </message>
    <message>
        <source>holding the weights</source>
        <translation>存放权重</translation>
    </message>
    <message>
        <source>{what} of a {arch} network would need {need} of memory and {free} is available; use fewer or smaller layers (or a smaller batch)</source>
        <translation>{arch} 网络的{what}需要 {need} 内存，而只有 {free} 可用；请使用更少或更小的层（或更小的批量）</translation>
    </message>
    <message>
        <source>{what} must be {kind}</source>
        <translation>{what}必须是{kind}</translation>
    </message>
    <message>
        <source>Expecting value</source>
        <extracomment>what Python&apos;s json module says is wrong with a text, in words the window can translate</extracomment>
        <translation>这里应有一个值</translation>
    </message>
    <message>
        <source>Expecting property name enclosed in double quotes</source>
        <translation>这里应有用双引号括起的属性名</translation>
    </message>
    <message>
        <source>Expecting &apos;:&apos; delimiter</source>
        <translation>这里应有分隔符 &apos;:&apos;</translation>
    </message>
    <message>
        <source>Expecting &apos;,&apos; delimiter</source>
        <translation>这里应有分隔符 &apos;,&apos;</translation>
    </message>
    <message>
        <source>Unterminated string starting at</source>
        <translation>字符串没有结束</translation>
    </message>
    <message>
        <source>Extra data</source>
        <translation>结尾有多余的数据</translation>
    </message>
    <message>
        <source>Invalid control character at</source>
        <translation>含有无效的控制字符</translation>
    </message>
    <message>
        <source>a model must be a JSON object</source>
        <extracomment>version 2: per layer, a skip or not version 2: per layer, None or {&quot;gamma&quot;, &quot;beta&quot;, &quot;running_mean&quot;, &quot;running_var&quot;: (n_out,) arrays, &quot;momentum&quot;, &quot;eps&quot;: floats}</extracomment>
        <translation>模型必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>not a backpropviz model (format is {format}, expected {expected})</source>
        <translation>不是 backpropviz 模型（格式为 {format}，应为 {expected}）</translation>
    </message>
    <message>
        <source>model version must be a whole number, not {version}</source>
        <translation>模型版本必须是整数，而不是 {version}</translation>
    </message>
    <message>
        <source>model version {version} is newer than this backpropviz reads (version {known}); update backpropviz</source>
        <translation>模型版本 {version} 比这个 backpropviz 能读取的版本（{known}）更新；请更新 backpropviz</translation>
    </message>
    <message>
        <source>model has no layers</source>
        <translation>模型没有层</translation>
    </message>
    <message>
        <source>layer {k} is not a JSON object</source>
        <translation>第 {k} 层不是 JSON 对象</translation>
    </message>
    <message>
        <source>layer {k} has no {key}</source>
        <translation>第 {k} 层没有 {key}</translation>
    </message>
    <message>
        <source>layer {k}: unknown activation {name}; known: {known}</source>
        <translation>第 {k} 层：未知的激活函数 {name}；已知的有：{known}</translation>
    </message>
    <message>
        <source>layer {k} weights</source>
        <translation>第 {k} 层的权重</translation>
    </message>
    <message>
        <source>layer {k} bias</source>
        <translation>第 {k} 层的偏置</translation>
    </message>
    <message>
        <source>layer {k}: weights have {rows} rows (neurons) but bias has {n} values</source>
        <translation>第 {k} 层：权重有 {rows} 行（神经元），但偏置有 {n} 个值</translation>
    </message>
    <message>
        <source>layer {k}: weights have {columns} columns but the layer before has {n} neurons</source>
        <translation>第 {k} 层：权重有 {columns} 列，但前一层有 {n} 个神经元</translation>
    </message>
    <message>
        <source>layer {k}: {key} needs model version 2, the file says version {version}</source>
        <translation>第 {k} 层：{key} 需要模型版本 2，文件写的是版本 {version}</translation>
    </message>
    <message>
        <source>layer {k}: &apos;residual&apos; must be true or false, not {value}</source>
        <translation>第 {k} 层：&apos;residual&apos; 必须是 true 或 false，而不是 {value}</translation>
    </message>
    <message>
        <source>unknown loss {name}; known: {known}</source>
        <translation>未知的损失函数 {name}；已知的有：{known}</translation>
    </message>
    <message>
        <source>{key} must be a list of strings</source>
        <translation>{key} 必须是字符串列表</translation>
    </message>
    <message>
        <source>{key} has {names} names for {n} inputs</source>
        <translation>{key} 有 {names} 个名称，但有 {n} 个输入</translation>
    </message>
    <message>
        <source>normalization must hold &apos;mean&apos; and &apos;std&apos;</source>
        <translation>normalization 必须包含 &apos;mean&apos; 和 &apos;std&apos;</translation>
    </message>
    <message>
        <source>normalization mean</source>
        <translation>标准化的均值</translation>
    </message>
    <message>
        <source>normalization std</source>
        <translation>标准化的标准差</translation>
    </message>
    <message>
        <source>normalization needs {n} values for mean and std</source>
        <translation>标准化的均值和标准差各需要 {n} 个值</translation>
    </message>
    <message>
        <source>normalization std must be positive</source>
        <translation>标准化的标准差必须为正</translation>
    </message>
    <message>
        <source>layer {k} batch_norm must be a JSON object with {keys}</source>
        <translation>第 {k} 层的 batch_norm 必须是包含 {keys} 的 JSON 对象</translation>
    </message>
    <message>
        <source>layer {k} batch_norm has no {key}; it holds {keys}</source>
        <translation>第 {k} 层的 batch_norm 没有 {key}；它应包含 {keys}</translation>
    </message>
    <message>
        <source>layer {k} batch_norm has an unknown key {key}; it holds {keys}</source>
        <translation>第 {k} 层的 batch_norm 有未知的键 {key}；它应包含 {keys}</translation>
    </message>
    <message>
        <source>layer {k} batch_norm {key}</source>
        <translation>第 {k} 层的 batch_norm {key}</translation>
    </message>
    <message>
        <source>layer {k} batch_norm {key} has {size} values for the layer&apos;s {n} neurons</source>
        <translation>第 {k} 层的 batch_norm {key} 有 {size} 个值，而该层有 {n} 个神经元</translation>
    </message>
    <message>
        <source>layer {k} batch_norm running_var must not be negative</source>
        <translation>第 {k} 层的 batch_norm running_var 不能为负</translation>
    </message>
    <message>
        <source>between 0 and 1</source>
        <translation>介于 0 和 1 之间</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>为正</translation>
    </message>
    <message>
        <source>layer {k} batch_norm {key} must be a number {rule}, not {value}</source>
        <translation>第 {k} 层的 batch_norm {key} 必须是{rule}的数，而不是 {value}</translation>
    </message>
    <message>
        <source>{file}: no such file</source>
        <translation>{file}：没有这个文件</translation>
    </message>
    <message>
        <source>{file}: is a directory, not a model file</source>
        <translation>{file}：这是文件夹，不是模型文件</translation>
    </message>
    <message>
        <source>{file}: cannot read ({reason})</source>
        <translation>{file}：无法读取（{reason}）</translation>
    </message>
    <message>
        <source>{file}: not a text file (a model is JSON)</source>
        <translation>{file}：不是文本文件（模型是 JSON）</translation>
    </message>
    <message>
        <source>{file}, line {line}, column {column}: not valid JSON ({reason})</source>
        <translation>{file}，第 {line} 行第 {column} 列：不是有效的 JSON（{reason}）</translation>
    </message>
    <message>
        <source>{file}: nested too deeply to be a model file</source>
        <translation>{file}：嵌套太深，不可能是模型文件</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}：{problem}</translation>
    </message>
    <message>
        <source>{file}: not saved, layer {k} holds weights that are not finite (NaN or infinity)</source>
        <translation>{file}：未保存，第 {k} 层有不是有限数的权重（NaN 或无穷大）</translation>
    </message>
    <message>
        <source>a list of rows of numbers</source>
        <translation>由数值行组成的列表</translation>
    </message>
    <message>
        <source>a list of numbers</source>
        <translation>数值列表</translation>
    </message>
    <message>
        <source>{what} hold the text {text} where a number belongs; write numbers without quotes</source>
        <translation>{what}在应为数值的位置含有文本 {text}；请写不带引号的数值</translation>
    </message>
    <message>
        <source>{what} must be {kind}, not {type} values</source>
        <translation>{what}必须是{kind}，而不是 {type} 类型的值</translation>
    </message>
    <message>
        <source>{what} must be a non-empty list of equal-length rows of numbers</source>
        <translation>{what}必须是由等长数值行组成的非空列表</translation>
    </message>
    <message>
        <source>{what} must be a non-empty list of numbers</source>
        <translation>{what}必须是非空的数值列表</translation>
    </message>
    <message>
        <source>{what} hold a number that is not finite (NaN or infinity)</source>
        <translation>{what}含有不是有限数的值（NaN 或无穷大）</translation>
    </message>
    <message>
        <source>input</source>
        <extracomment>what ``check_inputs`` names</extracomment>
        <translation>输入</translation>
    </message>
    <message>
        <source>training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>batch normalization cannot normalise a batch of one sample: its variance is 0 and every normalised value would be 0; use at least 2 samples a minibatch</source>
        <extracomment>PyTorch&apos;s BatchNorm1d defaults</extracomment>
        <translation>批量归一化无法归一化只有一个样本的批次：它的方差为 0，每个归一化后的值都会是 0；每个小批次请至少用 2 个样本</translation>
    </message>
    <message>
        <source>initialisation {init}: normal needs a positive standard deviation, e.g. normal:0.01</source>
        <translation>初始化 {init}：normal 需要一个正的标准差，例如 normal:0.01</translation>
    </message>
    <message>
        <source>unknown initialisation {name}; choose one of {known}</source>
        <translation>未知的初始化 {name}；请选择 {known} 之一</translation>
    </message>
    <message>
        <source>layer sizes must be whole numbers, not {sizes}</source>
        <translation>层的大小必须是整数，而不是 {sizes}</translation>
    </message>
    <message>
        <source>a network needs at least an input size and an output size</source>
        <translation>网络至少需要输入大小和输出大小</translation>
    </message>
    <message>
        <source>every layer needs at least one neuron: {sizes}</source>
        <translation>每一层至少需要一个神经元：{sizes}</translation>
    </message>
    <message>
        <source>{layers} layers need {layers} activations, got {got}</source>
        <translation>{layers} 层需要 {layers} 个激活函数，但给了 {got} 个</translation>
    </message>
    <message>
        <source>expected {n} parameters, got {shape}</source>
        <translation>应有 {n} 个参数，但得到 {shape}</translation>
    </message>
    <message>
        <source>{what}: expected one choice per layer ({layers}), got {got}</source>
        <extracomment>per layer: the running statistics&apos; momentum and the eps added to the variance running means and variances of the batch-normalised layers (see Layout)</extracomment>
        <translation>{what}：每层需要一个选择（{layers} 个），得到 {got} 个</translation>
    </message>
    <message>
        <source>layer {layer}: the output layer takes no {what}</source>
        <translation>第 {layer} 层：输出层不能加 {what}</translation>
    </message>
    <message>
        <source>layer {layer}: no residual connection: the skip adds the layer&apos;s {n_in} inputs to its {n_out} outputs, so both must be as many</source>
        <translation>第 {layer} 层：不能加残差连接：跳跃连接把该层的 {n_in} 个输入加到它的 {n_out} 个输出上，所以两者的数目必须相同</translation>
    </message>
    <message>
        <source>{what} has {n} values, the network expects {expected}</source>
        <translation>{what}有 {n} 个值，而网络需要 {expected} 个</translation>
    </message>
    <message>
        <source>target has {n} values, the network has {outputs} outputs</source>
        <translation>目标有 {n} 个值，而网络有 {outputs} 个输出</translation>
    </message>
    <message>
        <source>a batch-normalised network steps a minibatch whose samples are coupled; the neuron graph shows plain layers only: the Inspector writes the numbers</source>
        <extracomment>how many of the next layer&apos;s neurons are drawn (the rest are summed in one node)</extracomment>
        <translation>批量归一化的网络按小批次单步执行，其中的样本相互耦合；神经元计算图只显示普通层：数值请看检查器</translation>
    </message>
    <message>
        <source>this neuron&apos;s layer or the next has a residual connection, which the neuron graph does not draw: the Inspector writes the two paths with their numbers</source>
        <translation>这个神经元所在的层或下一层有残差连接，神经元计算图不画它：检查器写出两条路径及其数值</translation>
    </message>
    <message>
        <source>no neuron {unit} in layer {layer}</source>
        <translation>第 {layer} 层没有第 {unit} 个神经元</translation>
    </message>
    <message>
        <source>unknown optimizer {name}; choose one of {known}</source>
        <extracomment>each optimiser&apos;s number in the kernels the smallest normal float64: optimiser moments below it are stored as 0 (see above)</extracomment>
        <translation>未知的优化器 {name}；请从 {known} 中选择</translation>
    </message>
    <message>
        <source>L2 weight decay must be 0 or positive, not {l2}</source>
        <translation>L2 权重衰减必须是 0 或正数，而不是 {l2}</translation>
    </message>
    <message>
        <source>gradient clipping norm must be 0 (off) or positive, not {clip}</source>
        <translation>梯度裁剪的范数必须是 0（关闭）或正数，而不是 {clip}</translation>
    </message>
    <message>
        <source>momentum and Adam betas must lie in [0, 1)</source>
        <translation>动量和 Adam 的 beta 必须在 [0, 1) 之内</translation>
    </message>
    <message>
        <source>training is still running; pause it first</source>
        <extracomment>called on the training thread after each new frame (a window wakes its drawing with it)</extracomment>
        <translation>训练仍在进行；请先暂停</translation>
    </message>
    <message>
        <source>there are no training samples</source>
        <extracomment>the learning rate of each epoch, from config.lr (see schedule.py)</extracomment>
        <translation>没有训练样本</translation>
    </message>
    <message>
        <source>batch size must be a whole number of at least 1, not {batch}</source>
        <translation>批量大小必须是至少为 1 的整数，而不是 {batch}</translation>
    </message>
    <message>
        <source>batch normalization cannot normalise a batch of one sample, and {n} training samples in minibatches of {batch} leave one over at the end of each epoch; choose another batch size</source>
        <extracomment>(n,) the learning rate each step was taken with (its epoch&apos;s, see schedule.py) The loss has run away when it is not finite, or above RUNAWAY times where it started (the loss of the first minibatch on the first weights, or 1 if that was smaller: a loss near 0 at the start must not make ordinary noise look like a runaway).</extracomment>
        <translation>批量归一化无法归一化只有一个样本的批次，而 {n} 个训练样本按每批 {batch} 个划分时，每轮末尾会剩下一个；请换一个批大小</translation>
    </message>
    <message>
        <source>the loss rose to {loss}, over {times} times its start {start}</source>
        <translation>损失升到 {loss}，超过起始值 {start} 的 {times} 倍，梯度爆炸</translation>
    </message>
    <message>
        <source>the loss became NaN or infinite</source>
        <translation>损失变成了 NaN 或无穷大，梯度爆炸</translation>
    </message>
    <message>
        <source>an update overflowed a weight</source>
        <translation>一次更新使权重溢出</translation>
    </message>
    <message>
        <source>training diverged at step {step} ({why}); the weights of step {kept}, from before the loss ran away, are kept. Try a lower learning rate (now {lr}) or gradient clipping.</source>
        <translation>训练在第 {step} 步发散（{why}）；保留第 {kept} 步的权重（损失失控之前的权重）。请尝试更小的学习率（当前为 {lr}）或梯度裁剪。</translation>
    </message>
    <message>
        <source>{name}: could not rebuild the app&apos;s train/test split for the script</source>
        <translation>{name}：无法为脚本重建本程序的训练集/测试集划分</translation>
    </message>
    <message>
        <source>lesson {key} names no data</source>
        <extracomment>Matt Mazur, &quot;A Step by Step Backpropagation Example&quot; (mattmazur.com, 2015): inputs i1, i2, hidden h1, h2, outputs o1, o2; his w1..w4 are the hidden weights row by row, w5..w8 the output weights, b1 and b2 one bias per layer. the Train panel&apos;s learning-rate schedule (engine/schedule.py)</extracomment>
        <translation>课程 {key} 没有指定数据</translation>
    </message>
    <message>
        <source>lesson {key}: {problem}</source>
        <translation>课程 {key}：{problem}</translation>
    </message>
    <message>
        <source>loss {loss} is for classes; this data set is a regression task</source>
        <translation>损失函数 {loss} 用于分类；这个数据集是回归任务</translation>
    </message>
    <message>
        <source>a softmax output sums to 1 and cannot fit regression targets; use a linear output</source>
        <translation>softmax 输出之和为 1，无法拟合回归目标；请使用线性输出层</translation>
    </message>
    <message>
        <source>the model takes {inputs} inputs and gives {outputs} outputs; the data &apos;{data}&apos; has {features} features and needs {needed} outputs</source>
        <translation>模型有 {inputs} 个输入、{outputs} 个输出；数据“{data}”有 {features} 个特征，需要 {needed} 个输出</translation>
    </message>
    <message>
        <source>{n} hidden layers need {n} activations</source>
        <extracomment>skips: True around every hidden layer whose widths allow one, or one bool per hidden layer batch normalization: True in every hidden layer, or one bool per hidden layer</extracomment>
        <translation>{n} 个隐藏层需要 {n} 个激活函数</translation>
    </message>
    <message>
        <source>learning-rate schedule {text}: write one of {syntax}</source>
        <translation>学习率调度 {text}：请写 {syntax} 之一</translation>
    </message>
    <message>
        <source>learning-rate schedule {schedule}: {text} is not a whole number of epochs</source>
        <translation>学习率调度 {schedule}：{text} 不是整数轮数</translation>
    </message>
    <message>
        <source>learning-rate schedule {schedule}: the number of epochs must be at least 1, not {n}</source>
        <translation>学习率调度 {schedule}：轮数至少为 1，而不是 {n}</translation>
    </message>
    <message>
        <source>learning-rate schedule {schedule}: {text} is not a number</source>
        <translation>学习率调度 {schedule}：{text} 不是数字</translation>
    </message>
    <message>
        <source>learning-rate schedule {schedule}: the factor must be a positive number, not {text}</source>
        <translation>学习率调度 {schedule}：因子必须是正数，而不是 {text}</translation>
    </message>
</context>
<context>
    <name>explain</name>
    <message>
        <source>Input</source>
        <extracomment>a neuron with more inputs than this shows its largest terms and the sum of the rest every line&apos;s title: its English name, translated where it is shown (context &quot;explain&quot;)</extracomment>
        <translation>输入</translation>
    </message>
    <message>
        <source>Weighted input</source>
        <translation>加权输入</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Slope</source>
        <translation>导数</translation>
    </message>
    <message>
        <source>Output slope</source>
        <translation>输出处的导数</translation>
    </message>
    <message>
        <source>Error signal</source>
        <translation>误差信号</translation>
    </message>
    <message>
        <source>Error from above</source>
        <translation>来自上一层的误差</translation>
    </message>
    <message>
        <source>Weight gradient</source>
        <translation>权重梯度</translation>
    </message>
    <message>
        <source>Bias gradient</source>
        <translation>偏置梯度</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>z if z &gt; 0 else {slope}·z</source>
        <translation>z &gt; 0 时为 z，否则为 {slope}·z</translation>
    </message>
    <message>
        <source>(the other {n} terms)</source>
        <extracomment>significant digits tried, in turn, for the operands of a worked line</extracomment>
        <translation>（其余 {n} 项）</translation>
    </message>
    <message>
        <source>relu&apos;(z) = 1 if z &gt; 0 else 0</source>
        <translation>relu&apos;(z) = z &gt; 0 时为 1，否则为 0</translation>
    </message>
    <message>
        <source>lrelu&apos;(z) = 1 if z &gt; 0 else {slope}</source>
        <translation>lrelu&apos;(z) = z &gt; 0 时为 1，否则为 {slope}</translation>
    </message>
    <message>
        <source>δ = ∂L/∂z = (a − t) / n  (σ and bce together)</source>
        <translation>δ = ∂L/∂z = (a − t) / n  （σ 与 bce 合在一起）</translation>
    </message>
    <message>
        <source>δ = ∂L/∂z = a − t  (softmax and cross-entropy together)</source>
        <translation>δ = ∂L/∂z = a − t  （softmax 与交叉熵合在一起）</translation>
    </message>
    <message>
        <source>b stays (Train biases is off)</source>
        <translation>b 保持不变（“训练偏置”已关闭）</translation>
    </message>
    <message>
        <source>{sym} stays (Train biases is off)</source>
        <translation>{sym} 保持不变（“训练偏置”已关闭）</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>mean squared error</source>
        <extracomment>a layer with more neurons than this shows its first SHOWN_NEURONS neurons worked out in full and the rest as a table of their values weight tables are printed for layers with at most this many inputs (columns)</extracomment>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>half the sum of squared errors</source>
        <translation>误差平方和的一半</translation>
    </message>
    <message>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>One step of backpropagation, worked by hand</source>
        <extracomment>what each activation is, beside the a = f(z) the explain lines carry</extracomment>
        <translation>反向传播一步的手算过程</translation>
    </message>
    <message>
        <source>Every number below comes from backpropviz&apos;s engine for one training sample, rounded to 6 significant digits. Layer 1 is the first layer after the inputs; in each neuron, w1, w2, … are the weights of its inputs (x1, x2, … in layer 1, the previous layer&apos;s outputs a1, a2, … further on) and b is its bias.</source>
        <translation>下面的每个数都来自 backpropviz 的引擎对一个训练样本的计算，保留 6 位有效数字。第 1 层是输入之后的第一层；在每个神经元中，w1、w2、… 是其各个输入的权重（第 1 层的输入是 x1、x2、…，之后各层的输入是上一层的输出 a1、a2、…），b 是它的偏置。</translation>
    </message>
    <message>
        <source>{n} inputs</source>
        <translation>{n} 个输入</translation>
    </message>
    <message>
        <source>The network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Layers: {shape} (sizes {sizes})</source>
        <translation>各层：{shape}（大小 {sizes}）</translation>
    </message>
    <message>
        <source>Loss: {loss} ({name})</source>
        <translation>损失函数：{loss}（{name}）</translation>
    </message>
    <message>
        <source>Learning rate: η = {lr}, one step of plain gradient descent</source>
        <translation>学习率：η = {lr}，做一步普通的梯度下降</translation>
    </message>
    <message>
        <source>Weights and biases before the step</source>
        <translation>这一步之前的权重和偏置</translation>
    </message>
    <message>
        <source>The sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>These are the inputs as the network sees them: each feature standardised with the mean and standard deviation of the training data.</source>
        <translation>下面是网络看到的输入：每个特征都已用训练集的均值和标准差标准化。</translation>
    </message>
    <message>
        <source>Input: {vector}</source>
        <translation>输入：{vector}</translation>
    </message>
    <message>
        <source>Target: {vector}</source>
        <translation>目标：{vector}</translation>
    </message>
    <message>
        <source>Batch normalization needs a batch: this sample is sample {sample} of a minibatch of {size}, normalised with the batch&apos;s mean and variance, and the gradients below are means over the minibatch.</source>
        <translation>批量归一化需要一个批量：这个样本是一个含 {size} 个样本的小批量中的第 {sample} 个，用该批量的均值和方差归一化，下面的梯度都是这个小批量上的平均值。</translation>
    </message>
    <message>
        <source>Note: {note}.</source>
        <translation>注意：{note}。</translation>
    </message>
    <message>
        <source>1. Forward pass</source>
        <translation>1. 前向传播</translation>
    </message>
    <message>
        <source>Each neuron adds up its weighted inputs and its bias (z), then applies its activation (a).</source>
        <translation>每个神经元把加权后的输入与偏置相加（z），再经过激活函数（a）。</translation>
    </message>
    <message>
        <source>2. Loss</source>
        <translation>2. 损失</translation>
    </message>
    <message>
        <source>How far the outputs are from the target:</source>
        <translation>输出与目标相差多少：</translation>
    </message>
    <message>
        <source>The loss of this sample is **{loss}**.</source>
        <translation>这个样本的损失是 **{loss}**。</translation>
    </message>
    <message>
        <source>3. Backward pass</source>
        <translation>3. 反向传播</translation>
    </message>
    <message>
        <source>From the output back to layer 1: each neuron&apos;s error signal δ = ∂L/∂z, then the gradients of its weights and bias. A hidden neuron&apos;s δ collects the δ of the layer above through the weights that connect them: in Σ_k w_k δ_k, w_k is the weight from this neuron into neuron k of the layer above (before the update).</source>
        <translation>从输出层一直回到第 1 层：先求每个神经元的误差信号 δ = ∂L/∂z，再求它的权重和偏置的梯度。隐藏层神经元的 δ 通过连接它们的权重汇集上一层的 δ（链式法则）：在 Σ_k w_k δ_k 中，w_k 是从这个神经元到上一层第 k 个神经元的权重（更新之前的值）。</translation>
    </message>
    <message>
        <source>4. Update</source>
        <translation>4. 更新</translation>
    </message>
    <message>
        <source>Every weight and bias takes a step against its gradient, with learning rate η = {lr}:</source>
        <translation>每个权重和偏置都沿梯度的反方向走一步，学习率 η = {lr}：</translation>
    </message>
    <message>
        <source>b before</source>
        <translation>更新前的 b</translation>
    </message>
    <message>
        <source>b after</source>
        <translation>更新后的 b</translation>
    </message>
    <message>
        <source>(Each neuron has {n} weights; the {shown} with the largest gradients are shown. The others change the same way.)</source>
        <translation>（每个神经元有 {n} 个权重；这里列出梯度最大的 {shown} 个，其余的以同样的方式变化。）</translation>
    </message>
    <message>
        <source>output layer, {n} {activation} neurons</source>
        <translation>输出层，{n} 个 {activation} 神经元</translation>
    </message>
    <message>
        <source>output layer, 1 {activation} neuron</source>
        <translation>输出层，1 个 {activation} 神经元</translation>
    </message>
    <message>
        <source>hidden layer, {n} {activation} neurons</source>
        <translation>隐藏层，{n} 个 {activation} 神经元</translation>
    </message>
    <message>
        <source>hidden layer, 1 {activation} neuron</source>
        <translation>隐藏层，1 个 {activation} 神经元</translation>
    </message>
    <message>
        <source>, batch-normalised</source>
        <translation>，带批量归一化</translation>
    </message>
    <message>
        <source>, with a skip (a = f + the layer&apos;s input)</source>
        <translation>，带残差连接（a = f + 本层输入）</translation>
    </message>
    <message>
        <source>Layer {layer}: {words}</source>
        <translation>第 {layer} 层：{words}</translation>
    </message>
    <message>
        <source> for {names}</source>
        <translation>，对应 {names}</translation>
    </message>
    <message>
        <source>Neuron {n}</source>
        <translation>神经元 {n}</translation>
    </message>
    <message>
        <source>The other {n} neurons of this layer are worked out the same way; their values:</source>
        <translation>这一层其余 {n} 个神经元的计算方法相同，它们的值如下：</translation>
    </message>
    <message>
        <source>neuron</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>Layer {layer} ({activation}), one row per neuron:</source>
        <translation>第 {layer} 层（{activation}），每行一个神经元：</translation>
    </message>
    <message>
        <source>Layer {layer} ({activation}): {n_out} neurons × {n_in} weights, too many to list here; each neuron&apos;s weights appear where they are used.</source>
        <translation>第 {layer} 层（{activation}）：{n_out} 个神经元 × {n_in} 个权重，太多，这里不列出；每个神经元的权重在用到它们的地方给出。</translation>
    </message>
    <message>
        <source>w{i} (from {source})</source>
        <translation>w{i}（来自 {source}）</translation>
    </message>
</context>
<context>
    <name>lessons</name>
    <message>
        <source>Worked example: a 2-2-2 network by hand</source>
        <translation>手算示例：一个 2-2-2 网络</translation>
    </message>
    <message>
        <source>Matt Mazur&apos;s &quot;A Step by Step Backpropagation Example&quot;: two inputs, two sigmoid hidden neurons, two sigmoid outputs, one sample x = (0.05, 0.10) with target (0.01, 0.99), loss ½ Σ (a − t)² and η = 0.5. The weights are small enough for a pencil. Step through one cycle with the Right arrow and check every number by hand or against the article: the loss is 0.298371, and after the update w5 (o1&apos;s weight from h1) is 0.358916 and w1 (h1&apos;s weight from i1) is 0.149781. The article keeps the biases fixed, so Train biases is off here: step on into the second pass and its loss is 0.291027774 (the status bar shows it to nine digits), the article&apos;s &quot;down to 0.291027924&quot; (its last digits are a known typo; with biases trained it would be 0.280471). File › Export › Worked example writes all of it as a handout. Then train: the loss of this one sample falls towards 0.</source>
        <translation>Matt Mazur 的《A Step by Step Backpropagation Example》：两个输入，两个 sigmoid 隐藏神经元，两个 sigmoid 输出，一个样本 x = (0.05, 0.10)，目标 (0.01, 0.99)，损失函数 ½ Σ (a − t)²，学习率 η = 0.5。权重小到可以用笔算。用 → 键逐步走完一轮，手算或对照原文检查每个数：损失是 0.298371；更新之后 w5（h1 到 o1 的权重）是 0.358916，w1（i1 到 h1 的权重）是 0.149781。原文保持偏置不变，所以这里关闭了“训练偏置”：继续走进第二轮，损失是 0.291027774（状态栏显示到九位数字），即原文的“降到 0.291027924”（最后几位是已知的笔误；若也训练偏置，会是 0.280471）。文件 › 导出 › 手算示例 会把全部过程写成讲义。然后训练：这一个样本的损失逐渐降到 0。</translation>
    </message>
    <message>
        <source>XOR needs a hidden layer</source>
        <translation>XOR 需要隐藏层</translation>
    </message>
    <message>
        <source>This network has no hidden layer: its boundary is one straight line, and no straight line puts XOR&apos;s opposite corners together. Press Space to train: the loss stalls near ln 2 ≈ 0.69 and the accuracy near 50%, however long you wait. Now add a hidden layer of 4 tanh neurons in the Network panel and train again: within a few hundred steps the boundary bends around the four quadrants and the training accuracy reaches 100%.</source>
        <translation>这个网络没有隐藏层：它的决策边界是一条直线，而没有哪条直线能把 XOR 的两组对角分到一起。按空格键训练：无论等多久，损失都停在 ln 2 ≈ 0.69 附近，准确率停在 50% 左右。现在在“网络”面板中添加一个含 4 个 tanh 神经元的隐藏层，再训练：几百步之内边界就绕着四个象限弯曲，训练集准确率达到 100%。</translation>
    </message>
    <message>
        <source>Vanishing gradients: 8 sigmoid layers against 8 ReLU layers (sigmoid)</source>
        <translation>梯度消失：8 层 sigmoid 对比 8 层 ReLU（sigmoid）</translation>
    </message>
    <message>
        <source>Eight hidden layers of 8 sigmoid neurons on the circle data. Press Space to train and watch the gradient-norm plot (log scale, one curve per layer): layer 1&apos;s gradient is tens of thousands of times smaller than the output layer&apos;s, because each sigmoid passes back at most a quarter of the gradient it receives, and the loss hardly moves from 0.69. Then open the ReLU version of this lesson: the same network with ReLU keeps its gradients the same size in every layer and learns the circle in a few hundred steps.</source>
        <translation>在圆形数据上用八个隐藏层，每层 8 个 sigmoid 神经元。按空格键训练，观察梯度范数图（对数坐标，每层一条曲线）：第 1 层的梯度比输出层小几万倍，因为每个 sigmoid 最多只把收到的梯度的四分之一传回去，损失几乎停在 0.69 不动。然后打开本课的 ReLU 版本：同样的网络换成 ReLU 后，每一层的梯度大小都差不多，几百步就学会了圆形。</translation>
    </message>
    <message>
        <source>Vanishing gradients: 8 sigmoid layers against 8 ReLU layers (ReLU)</source>
        <translation>梯度消失：8 层 sigmoid 对比 8 层 ReLU（ReLU）</translation>
    </message>
    <message>
        <source>The same eight hidden layers of 8 neurons as the sigmoid version, now with ReLU (and He initialisation). Press Space to train and watch the gradient-norm plot: every layer&apos;s gradient stays about the same size, since a ReLU passes the gradient back unchanged wherever it is active, and the loss falls within a few hundred steps as the network learns the circle. Compare with the sigmoid version, whose first layers hardly learn at all.</source>
        <translation>与 sigmoid 版本相同的八个隐藏层、每层 8 个神经元，现在用 ReLU（以及 He 初始化）。按空格键训练，观察梯度范数图：每一层的梯度大小都差不多，因为 ReLU 在激活的地方把梯度原样传回；几百步之内损失就下降，网络学会了圆形。对比 sigmoid 版本，它的前几层几乎学不到东西。</translation>
    </message>
    <message>
        <source>Too large a learning rate</source>
        <translation>学习率过大</translation>
    </message>
    <message>
        <source>Fitting a plane, y = 1.5 x1 − 0.75 x2, with 4 tanh neurons and a linear output, by plain SGD with learning rate 1 — ten times the usual 0.1. Press Space to train: every step overshoots the minimum by more than the last, and within ten steps the loss has grown a thousandfold: training stops there, puts back the weights from before the loss ran away, and says so. Press R for fresh weights, set the learning rate to 0.1 in the Train panel and train again: the loss falls to the noise level (about 0.01) within a few hundred steps.</source>
        <translation>用 4 个 tanh 神经元和线性输出拟合平面 y = 1.5 x1 − 0.75 x2，优化器是普通 SGD，学习率为 1，是通常 0.1 的十倍。按空格键训练：每一步越过最小值的幅度都比上一步更大，不到十步损失就增大了上千倍（梯度爆炸）：训练在此停止，恢复损失失控之前的权重，并给出提示。按 R 重新生成权重，在“训练”面板中把学习率设为 0.1 再训练：几百步之内损失就降到噪声水平（约 0.01）。</translation>
    </message>
    <message>
        <source>Digits: 64-32-10 on real handwriting</source>
        <translation>手写数字：64-32-10 识别真实手写体</translation>
    </message>
    <message>
        <source>1797 handwritten digits, each 8×8 pixels, 64 inputs; 32 ReLU neurons and 10 softmax outputs, one per digit, trained with Adam. Press Space: after one epoch over the 1438 training images the network already recognises over 90% of the 359 test images it has never seen, and about 96% after a few more. Step one sample through to see which pixels push which output up.</source>
        <translation>1797 个手写数字，每个 8×8 像素，共 64 个输入；32 个 ReLU 神经元和 10 个 softmax 输出（每个数字一个），用 Adam 训练。按空格键：在 1438 张训练图片上训练一轮之后，网络就能认出 359 张从未见过的测试图片中的 90% 以上，再训练几轮后约 96%。逐步计算一个样本，看看哪些像素推高了哪个输出。</translation>
    </message>
    <message>
        <source>Optimiser race: sgd, momentum and adam on one landscape</source>
        <translation>优化器比赛：SGD、动量法和 Adam 在同一个损失曲面上</translation>
    </message>
    <message>
        <source>Two gaussian clouds, a 2-3-1 tanh network. The Gradient tab shows the training loss over the output neuron&apos;s first two weights, everything else fixed, and three paths from the same start: each optimiser trains only these two weights for 150 steps at the same learning rate, 0.05. Plain SGD steps in proportion to the slope and is still far from the bottom (loss about 0.21); momentum gathers speed along the valley and gets lowest (about 0.04); Adam&apos;s first step moves each weight by exactly the learning rate, whatever the slope, and it ends near 0.07. Click another connection, or Pin as x axis and click a second one, then Race the optimisers again on that plane.</source>
        <translation>两团高斯分布的点，一个 2-3-1 的 tanh 网络。“梯度”标签页显示训练集损失随输出神经元前两个权重的变化（其余参数固定），以及从同一起点出发的三条路径：每个优化器只训练这两个权重，以相同的学习率 0.05 训练 150 步。普通 SGD 的步长与斜率成正比，还远没到谷底（损失约 0.21）；动量法沿着山谷越走越快，损失最低（约 0.04）；Adam 的第一步无论斜率多大，都让每个权重恰好移动一个学习率，最后损失约 0.07。点击另一条连接，或者“固定为 x 轴”后再点击第二条连接，然后在那个平面上再比一次。</translation>
    </message>
    <message>
        <source>The classic: 784-128-10 on (Fashion-)MNIST</source>
        <translation>经典：(Fashion-)MNIST 上的 784-128-10</translation>
    </message>
    <message>
        <source>The job most courses start from: 60,000 training images of 28×28 pixels, 784 inputs, 128 ReLU neurons and 10 softmax outputs, Adam with learning rate 0.001 and batches of 32 (Fashion-MNIST&apos;s ten kinds of clothing, or MNIST&apos;s digits). Press Space and watch the Weights tab, lower right: each first-layer neuron&apos;s 784 weights drawn as a picture keep much of their random start&apos;s grain, while broad orange and blue regions, what the neuron looks for, grow in; point at one to see it large. After 10 epochs about 88% of Fashion-MNIST&apos;s 10,000 test images are classified right. The Confusion tab shows which classes are mixed up; click a picture in the Mistakes tab to step that image through the network.</source>
        <translation>大多数课程的起点：60,000 张 28×28 像素的训练集图像，784 个输入，128 个 ReLU 神经元和 10 个 softmax 输出，优化器 Adam，学习率 0.001，批量大小 32（Fashion-MNIST 的十种服装，或 MNIST 的数字）。按空格键，看右下方的“权重”标签页：第一层每个神经元的 784 个权重画成一张图，它们保留着随机初始值的大部分颗粒，同时长出大片的橙色和蓝色区域，也就是这个神经元要找的东西；把鼠标指向一张图可以看到它的大图。训练 10 轮后，Fashion-MNIST 的 10,000 张测试集图像约有 88% 分类正确。“混淆矩阵”标签页显示哪些类别被混淆；在“错误”标签页点击一张图，让它逐步通过网络。</translation>
    </message>
    <message>
        <source>Deep networks: plain, residual, batch norm (plain)</source>
        <translation>深层网络：普通、残差连接、批量归一化（普通）</translation>
    </message>
    <message>
        <source>Twenty hidden layers of 8 sigmoid neurons on the circle data, trained with Adam. Press Space and watch the gradient-norm plot: layer 1&apos;s gradient is more than ten billion times smaller than the output layer&apos;s, since every sigmoid passes back at most a quarter of what it receives, twenty times over; the loss stays at 0.69 and the boundary never forms. Open the residual and the batch-norm versions of this lesson: the same twenty layers learn the circle.</source>
        <translation>在圆形数据上用 Adam 训练 20 个隐藏层、每层 8 个 sigmoid 神经元的网络。按空格键训练并观察梯度范数图：第 1 层的梯度比输出层的小一百亿倍以上，因为每个 sigmoid 最多只把收到的梯度的四分之一传回去，连续二十次；损失函数一直停在 0.69，决策边界始终形成不了。再打开本课的残差连接版和批量归一化版：同样的二十层都能学会这个圆。</translation>
    </message>
    <message>
        <source>Deep networks: plain, residual, batch norm (residual)</source>
        <translation>深层网络：普通、残差连接、批量归一化（残差连接）</translation>
    </message>
    <message>
        <source>The same twenty sigmoid layers, each (but the first, whose 2 inputs are not 8) with a skip: a = σ(z) + the layer&apos;s input. Backward, every skip hands the gradient down unchanged beside the path through the layer, so layer 1&apos;s gradient stays within a hundred times of the output layer&apos;s instead of vanishing, and the loss falls below 0.1 within 600 steps. Step one sample backward to see the two paths and their sum in the inspector.</source>
        <translation>同样的二十个 sigmoid 层，每层（第一层除外，它的 2 个输入不等于 8）都带残差连接：a = σ(z) + 本层输入。反向传播时，每条捷径把梯度原样传下去，与穿过本层的路径并行，所以第 1 层的梯度与输出层的相差不到一百倍，不再梯度消失，损失函数在 600 步内降到 0.1 以下。把一个样本反向逐步计算，就能在检查器里看到两条路径及其和。</translation>
    </message>
    <message>
        <source>Deep networks: plain, residual, batch norm (batch norm)</source>
        <translation>深层网络：普通、残差连接、批量归一化（批量归一化）</translation>
    </message>
    <message>
        <source>The same twenty sigmoid layers, each batch-normalised: z is scaled to mean 0 and variance 1 over the minibatch before γ and β, so every sigmoid works near its steep middle. Layer 1&apos;s gradient is about as large as the output layer&apos;s, and the loss falls below 0.35 within 600 steps. Stepping a sample steps a small minibatch with it: the inspector shows μ, σ² and how each sample&apos;s δ depends on the others&apos;.</source>
        <translation>同样的二十个 sigmoid 层，每层都做批量归一化：在乘 γ、加 β 之前，z 在小批量上被缩放为均值 0、方差 1，因此每个 sigmoid 都工作在陡峭的中段。第 1 层的梯度与输出层的差不多大，损失函数在 600 步内降到 0.35 以下。逐步计算一个样本时会连同一个小批量一起计算：检查器显示 μ、σ²，以及每个样本的 δ 如何依赖其他样本的 δ。</translation>
    </message>
    <message>
        <source>Learning-rate decay (a rate too large to settle)</source>
        <translation>学习率衰减（学习率太大，停不下来）</translation>
    </message>
    <message>
        <source>A sine curve fitted by 16 tanh neurons with plain SGD at learning rate 0.5: large enough to learn fast, too large to settle. Press Space and watch the loss: after a quick fall it keeps jumping up and down between epochs, never resting at the bottom. Open the step-decay version: the same start, with the rate cut to 0.3 times itself every 10 epochs.</source>
        <translation>用 16 个 tanh 神经元、学习率 0.5 的普通 SGD 拟合正弦曲线：学得够快，但太大而停不下来。按空格键并观察损失函数：快速下降之后，它在各轮次之间不断上下跳动，始终停不到谷底。再打开阶梯衰减版：同样的起点，每 10 个轮次把学习率乘以 0.3。</translation>
    </message>
    <message>
        <source>Learning-rate decay (step decay)</source>
        <translation>学习率衰减（阶梯衰减）</translation>
    </message>
    <message>
        <source>The same sine fit at learning rate 0.5, with the schedule step:10:0.3: every 10 epochs the rate is multiplied by 0.3 (0.5, 0.15, 0.045, ...). The early epochs learn as fast as before; after the first cut the jumping stops and the loss settles near 0.03, below where the constant rate kept bouncing. The Train panel shows the current rate as η now.</source>
        <translation>同样以学习率 0.5 拟合正弦曲线，但采用计划 step:10:0.3：每 10 个轮次学习率乘以 0.3（0.5、0.15、0.045……）。前几个轮次学得和之前一样快；第一次降低之后跳动停止，损失函数稳定在 0.03 附近，低于恒定学习率时来回跳动的水平。训练面板以“当前 η”显示当前的学习率。</translation>
    </message>
    <message>
        <source>Initialisation matters (zeros)</source>
        <translation>初始化很重要（全零）</translation>
    </message>
    <message>
        <source>Twelve hidden layers of 32 tanh neurons, every weight and bias starting at 0. Every hidden neuron computes the same thing, receives the same gradient (here: none, since the zero weights above pass nothing back) and so stays identical to its neighbours: the view shows every neuron of a layer with the same colour, the loss stays at ln 2 ≈ 0.69 and nothing is ever learned. Symmetry must be broken by random starting weights.</source>
        <translation>12 个隐藏层、每层 32 个 tanh 神经元，所有权重和偏置都从 0 开始。每个隐藏神经元计算相同的东西、收到相同的梯度（这里根本没有梯度，因为上面的零权重什么也传不回来），所以始终与相邻神经元一模一样：视图中同一层的神经元颜色都相同，损失函数停在 ln 2 ≈ 0.69，什么也学不到。必须用随机的初始权重打破对称性。</translation>
    </message>
    <message>
        <source>Initialisation matters (N(0, 1), too large)</source>
        <translation>初始化很重要（N(0, 1)，太大）</translation>
    </message>
    <message>
        <source>The same twelve tanh layers with weights drawn from N(0, 1), Nielsen&apos;s classic choice. With 32 inputs a neuron&apos;s z has a standard deviation near 6, so about half of all hidden neurons start saturated at ±1 (the view shows them at full colour), the starting loss is about twice ln 2, and after 600 steps the network is still no better than a coin toss. Open the xavier version.</source>
        <translation>同样的 12 个 tanh 层，权重取自 N(0, 1)，这是 Nielsen 的经典选择。有 32 个输入时，神经元的 z 的标准差接近 6，所以大约一半的隐藏神经元一开始就饱和在 ±1（视图中显示为最深的颜色），初始损失函数约为 ln 2 的两倍，训练 600 步后网络仍然不比抛硬币强。再打开 xavier 版。</translation>
    </message>
    <message>
        <source>Initialisation matters (xavier)</source>
        <translation>初始化很重要（xavier）</translation>
    </message>
    <message>
        <source>The same twelve tanh layers with xavier&apos;s weights, U(−r, r) with r = √(6 / (n_in + n_out)): each layer keeps the size of its signal, no neuron starts saturated, and within 600 steps the loss falls below 0.1 and the boundary circles the inner class.</source>
        <translation>同样的 12 个 tanh 层，使用 xavier 权重 U(−r, r)，其中 r = √(6 / (n_in + n_out))：每层都保持信号的大小，没有神经元一开始就饱和，600 步内损失函数降到 0.1 以下，决策边界围住了内圈的类别。</translation>
    </message>
</context>
<context>
    <name>phase</name>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
</context>
<context>
    <name>undo</name>
    <message>
        <source>open a lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>new weights</source>
        <extracomment>a clicked connection or bias (layer 1-based, unit, source or None) for the gradient views how many samples a batch-normalised network steps together (the selected one first)</extracomment>
        <translation>新权重</translation>
    </message>
    <message>
        <source>network change</source>
        <translation>网络结构更改</translation>
    </message>
    <message>
        <source>open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>reset the weights</source>
        <translation>重置权重</translation>
    </message>
    <message>
        <source>edit a bias</source>
        <translation>编辑偏置</translation>
    </message>
    <message>
        <source>edit a weight</source>
        <translation>编辑权重</translation>
    </message>
    <message>
        <source>data change</source>
        <translation>更换数据</translation>
    </message>
</context>
<context>
    <name>warmup</name>
    <message>
        <source>optimisers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>forward pass</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>backward pass</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>training steps</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>one sample&apos;s trace</source>
        <translation>单个样本的追踪</translation>
    </message>
    <message>
        <source>wide layers</source>
        <translation>宽层</translation>
    </message>
    <message>
        <source>residual connections and batch normalization</source>
        <translation>残差连接与批量归一化</translation>
    </message>
</context>
</TS>
